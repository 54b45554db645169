import { defineGroups } from '../../graphql/groups.js';
import { unionMembershipTable, unionOrganizationTable } from './union.service.js';
import { UnionMembershipWhere, UnionOrganizationWhere } from './union.types.js';

/** unionOrganizationGroups: union organisations by kind, region, parent, agriculture; reported members summed. */
export const UnionOrganizationGroupsResolver = defineGroups(
  unionOrganizationTable,
  UnionOrganizationWhere,
  'union organisations',
  {
    dimensions: ['kind', 'region', 'parent', 'agricultureRelated'],
    dates: { foundedOn: 'Founding' },
    measures: { reportedMemberCount: 'Reported members.' },
  },
);

/** unionMembershipGroups: memberships by office, organisation, election period (public profiles only for most callers). */
export const UnionMembershipGroupsResolver = defineGroups(
  unionMembershipTable,
  UnionMembershipWhere,
  'memberships',
  {
    dimensions: ['role', 'organization', 'talent'],
    dates: { electedOn: 'Election', joinedOn: 'Joining' },
  },
);
