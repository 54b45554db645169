import { defineGroups } from '../../graphql/groups.js';
import { regionTable } from './region.service.js';
import { RegionWhere } from './region.types.js';

/** regionGroups: regions by level and parent. */
export const RegionGroupsResolver = defineGroups(regionTable, RegionWhere, 'regions', {
  dimensions: ['kind', 'parent'],
});
