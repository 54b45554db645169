import { defineModule } from '../module.js';
import { Village } from './village.entity.js';
import { VillageGroupsResolver } from './village.groups.js';
import { VillageResolver } from './village.resolver.js';
import { BY_TOWN, villageTable } from './village.service.js';

/** Villages and their grouped figures. */
export const villageModule = defineModule({
  name: 'village',
  entities: [Village],
  resolvers: [VillageResolver, VillageGroupsResolver],
  tables: [villageTable],
  lists: [BY_TOWN],
});
