import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { regionTable } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentTable } from '../talent/talent.service.js';
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
    KIND: { key: 'kind', expr: 't.kind', type: () => UnionKind, description: 'Kind.' },
    REGION: {
      key: 'region',
      expr: 't.region_id',
      type: () => Region,
      ref: () => regionTable,
      description: 'Region.',
    },
    PARENT: {
      key: 'parent',
      expr: 't.parent_id',
      type: () => UnionOrganization,
      ref: () => unionOrganizationTable,
      description: 'Parent organisation.',
    },
    AGRICULTURE_RELATED: {
      key: 'agricultureRelated',
      expr: 't.agriculture_related',
      type: () => Boolean,
      description: 'Agriculture-related.',
    },
    ...dateDimensions('FOUNDED', 'founded', 'founded_on', 'Founding'),
  },
  measures: { reportedMemberCount: { column: 'reported_member_count', description: 'Reported members.' } },
});

/** unionMembershipGroups: memberships by office, organisation, election period (public profiles only for most callers). */
export const UnionMembershipGroupsResolver = defineGroups({
  name: 'UnionMembership',
  query: 'unionMembershipGroups',
  what: 'memberships',
  table: () => unionMembershipTable,
  where: UnionMembershipWhere,
  dimensions: {
    ROLE: { key: 'role', expr: 't.role', type: () => UnionRole, description: 'Office.' },
    ORGANIZATION: {
      key: 'organization',
      expr: 't.organization_id',
      type: () => UnionOrganization,
      ref: () => unionOrganizationTable,
      description: 'Union organisation.',
    },
    TALENT: {
      key: 'talent',
      expr: 't.talent_id',
      type: () => Talent,
      ref: () => talentTable,
      description: 'Member.',
    },
    ...dateDimensions('ELECTED', 'elected', 'elected_on', 'Election'),
    ...dateDimensions('JOINED', 'joined', 'joined_on', 'Joining'),
  },
});
