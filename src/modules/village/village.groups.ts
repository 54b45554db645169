import { defineGroups } from '../../graphql/groups.js';
import { Region } from '../region/region.types.js';
import { villageTable } from './village.service.js';
import { VillageWhere } from './village.types.js';

/** villageGroups: villages by town and specialty. */
export const VillageGroupsResolver = defineGroups({
  name: 'Village',
  query: 'villageGroups',
  what: 'villages',
  table: () => villageTable,
  where: VillageWhere,
  dimensions: {
    TOWN: {
      key: 'town',
      type: () => Region,
      description: 'Town.',
    },
    IS_SPECIALTY: {
      key: 'isSpecialty',
      type: () => Boolean,
      description: 'Specialty village or not.',
    },
  },
});
