import { defineGroups } from '../../graphql/groups.js';
import { villageTable } from './village.service.js';
import { VillageWhere } from './village.types.js';

/** villageGroups: villages by town and specialty. */
export const VillageGroupsResolver = defineGroups(villageTable, VillageWhere, 'villages', {
  dimensions: ['town', { key: 'isSpecialty', description: 'Specialty village or not.' }],
});
