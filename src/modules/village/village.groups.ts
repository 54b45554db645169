import { defineGroups } from '../../graphql/groups.js';
import { regionTable } from '../region/region.service.js';
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
      expr: 't.town_id',
      type: () => Region,
      ref: () => regionTable,
      description: 'Town.',
    },
    IS_SPECIALTY: {
      key: 'isSpecialty',
      expr: 't.is_specialty',
      type: () => Boolean,
      description: 'Specialty village or not.',
    },
  },
});
