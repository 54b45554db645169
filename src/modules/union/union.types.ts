import { NAME_ORDER } from '../../data/table.js';
import { BooleanFilter, DateFilter, registerEnum } from '../../graphql/filters.js';
import {
  enumField,
  enumRank,
  filter,
  idFilter,
  itself,
  listTypes,
  NAME_WHERE,
} from '../../graphql/list-types.js';
import { RegionWhere } from '../region/region.types.js';
import { SLUG_WHERE } from '../slug/slug.js';
import { TalentWhere } from '../talent/talent.types.js';
import { UnionFacility, UnionKind, UnionMembership, UnionOrganization, UnionRole } from './union.entity.js';

export { UnionMembership, UnionOrganization };

registerEnum(UnionKind, { name: 'UnionKind', description: 'What kind of trade-union organisation it is.' });
registerEnum(UnionFacility, {
  name: 'UnionFacility',
  description: 'Facilities a union runs for its members (会、站、家).',
});
registerEnum(UnionRole, { name: 'UnionRole', description: 'Office in a union organisation.' });

/** What lists of union organisations filter and sort by (union.service.ts's table spec reads it too). */
export const UnionOrganizationList = listTypes(UnionOrganization, {
  one: 'union organisation',
  many: 'union organisations',
  where: {
    id: idFilter('The organisation itself.'),
    kind: enumField(UnionKind, 'Kind.'),
    name: NAME_WHERE,
    slug: SLUG_WHERE,
    agricultureRelated: filter(() => BooleanFilter, 'Agriculture-related or not.'),
    foundedOn: filter(() => DateFilter, 'Founding date.'),
    region: filter(() => RegionWhere, 'The region matches.'),
    parent: filter(itself, 'The parent organisation matches.'),
  },
  orderBy: { NAME: NAME_ORDER, FOUNDED_ON: 'foundedOn' },
});
export const {
  Where: UnionOrganizationWhere,
  ListArgs: UnionOrganizationListArgs,
  Connection: UnionOrganizationConnection,
} = UnionOrganizationList;

/** What lists of memberships filter and sort by (union.service.ts's table spec reads it too). */
export const UnionMembershipList = listTypes(UnionMembership, {
  one: 'membership',
  many: 'memberships',
  where: {
    id: idFilter('The membership itself.'),
    role: enumField(UnionRole, 'Office.'),
    electedOn: filter(() => DateFilter, 'Election date.'),
    organization: filter(() => UnionOrganizationWhere, 'The organisation matches.'),
    talent: filter(() => TalentWhere, 'The member matches.'),
  },
  // Offices in rank order: CHAIR, VICE_CHAIR, COMMITTEE_MEMBER, MEMBER.
  orderBy: { ROLE: enumRank(UnionRole, 'role'), JOINED_ON: 'joinedOn', ELECTED_ON: 'electedOn' },
  sortNote: 'ROLE sorts chairs first.',
});
export const {
  Where: UnionMembershipWhere,
  ListArgs: UnionMembershipListArgs,
  Connection: UnionMembershipConnection,
} = UnionMembershipList;
