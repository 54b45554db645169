import { defineGroups } from '../../graphql/groups.js';
import { RegionKind } from './region.entity.js';
import { regionTable } from './region.service.js';
import { Region, RegionWhere } from './region.types.js';

/** regionGroups: regions by level and parent. */
export const RegionGroupsResolver = defineGroups({
  name: 'Region',
  query: 'regionGroups',
  what: 'regions',
  table: () => regionTable,
  where: RegionWhere,
  dimensions: {
    KIND: { key: 'kind', type: () => RegionKind, description: 'Administrative level.' },
    PARENT: {
      key: 'parent',
      type: () => Region,
      description: 'Parent region.',
    },
  },
});
