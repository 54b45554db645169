import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { Region } from '../region/region.types.js';
import { Talent } from '../talent/talent.types.js';
import { UnionKind, UnionRole } from './union.entity.js';
import { unionMembershipTable, unionOrganizationTable } from './union.service.js';
import { UnionMembershipWhere, UnionOrganization, UnionOrganizationWhere } from './union.types.js';

/** unionOrganizationGroups: union organisations by kind, region, parent, agriculture; reported members summed. */
export const UnionOrganizationGroupsResolver = defineGroups({
  name: 'UnionOrganization',
  query: 'unionOrganizationGroups',
  what: 'union organisations',
  table: () => unionOrganizationTable,
  where: UnionOrganizationWhere,
  dimensions: {
    KIND: { key: 'kind', type: () => UnionKind, description: 'Kind.' },
    REGION: {
      key: 'region',
      type: () => Region,
      description: 'Region.',
    },
    PARENT: {
      key: 'parent',
      type: () => UnionOrganization,
      description: 'Parent organisation.',
    },
    AGRICULTURE_RELATED: {
      key: 'agricultureRelated',
      type: () => Boolean,
      description: 'Agriculture-related.',
    },
    ...dateDimensions('FOUNDED', 'founded', 'foundedOn', 'Founding'),
  },
  measures: { reportedMemberCount: { description: 'Reported members.' } },
});

/** unionMembershipGroups: memberships by office, organisation, election period (public profiles only for most callers). */
export const UnionMembershipGroupsResolver = defineGroups({
  name: 'UnionMembership',
  query: 'unionMembershipGroups',
  what: 'memberships',
  table: () => unionMembershipTable,
  where: UnionMembershipWhere,
  dimensions: {
    ROLE: { key: 'role', type: () => UnionRole, description: 'Office.' },
    ORGANIZATION: {
      key: 'organization',
      type: () => UnionOrganization,
      description: 'Union organisation.',
    },
    TALENT: {
      key: 'talent',
      type: () => Talent,
      description: 'Member.',
    },
    ...dateDimensions('ELECTED', 'elected', 'electedOn', 'Election'),
    ...dateDimensions('JOINED', 'joined', 'joinedOn', 'Joining'),
  },
});
