import { defineModule } from '../module.js';
import { Region } from './region.entity.js';
import { RegionGroupsResolver } from './region.groups.js';
import { RegionResolver } from './region.resolver.js';
import { regionTable } from './region.service.js';
import { RegionStatsResolver } from './region.stats.js';

/** Regions (province → town), their headline figures and grouped figures. */
export const regionModule = defineModule({
  name: 'region',
  entities: [Region],
  resolvers: [RegionResolver, RegionStatsResolver, RegionGroupsResolver],
  tables: [regionTable],
});
