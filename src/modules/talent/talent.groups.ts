import { defineGroups } from '../../graphql/groups.js';
import { talentTable } from './talent.service.js';
import { TalentWhere } from './talent.types.js';

/** talentGroups: talents by settlement and field, arrivals per month … (public profiles only for most callers). */
export const TalentGroupsResolver = defineGroups(talentTable, TalentWhere, 'talents', {
  dimensions: ['settlement', 'field', 'degree', 'tier', 'town', 'affiliation'],
  dates: { arrivedOn: 'Arrival' },
});
