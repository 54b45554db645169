import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { BooleanFilter, DateFilter, EnumFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { RegionWhere } from '../region/region.types.js';
import { TalentWhere } from '../talent/talent.types.js';
import { UnionFacility, UnionKind, UnionRole } from './union.entity.js';

registerEnumType(UnionKind, {
  name: 'UnionKind',
  description:
    'FEDERATION 总工会, JOINT_UNION 联合工会, BRANCH 分会, COOPERATIVE_UNION 合作社工会, ENTERPRISE_UNION 企业工会, INDUSTRY_FEDERATION 行业工会联合会, INDUSTRY_UNION 行业工会.',
});
registerEnumType(UnionFacility, {
  name: 'UnionFacility',
  description: 'WORKERS_LIBRARY 职工书屋, ACTIVITY_CENTER 职工活动中心, WORKERS_HOME 职工之家.',
});
registerEnumType(UnionRole, { name: 'UnionRole', description: 'Office in a union organisation.' });

/** A trade-union organisation. */
@ObjectType({
  implements: [Node, VersionedNode],
  description:
    'A trade-union organisation: a federation, a joint union and its branches, a co-operative or industry union.',
})
export class UnionOrganization extends VersionedNode {
  @Field(() => UnionKind, { description: 'Kind of organisation.' })
  kind: UnionKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Founding date.' })
  foundedOn?: string | null;

  @Field(() => Boolean, { description: 'Counted among agriculture-related unions (涉农工会组织).' })
  agricultureRelated: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Member count as reported by the union (e.g. farmer members), when it reports one.',
  })
  reportedMemberCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Enterprises and new economic organisations covered, as reported.',
  })
  reportedEnterpriseCount?: number | null;

  @Field(() => [UnionFacility], { description: 'Facilities run for members (会、站、家).' })
  facilities: UnionFacility[];

  @Field(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
  isDemo: boolean;
}

/** A talent's membership of a union organisation. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A talent’s membership of a union organisation.',
})
export class UnionMembership extends VersionedNode {
  @Field(() => UnionRole, { description: 'Office held.' })
  role: UnionRole;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the talent joined.' })
  joinedOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of election to the office, for elected offices.',
  })
  electedOn?: string | null;
}

export enum UnionOrganizationOrderField {
  NAME = 'NAME',
  FOUNDED_ON = 'FOUNDED_ON',
}
registerEnumType(UnionOrganizationOrderField, {
  name: 'UnionOrganizationOrderField',
  description: 'Sortable fields of union organisations.',
});

export enum UnionMembershipOrderField {
  ROLE = 'ROLE',
  JOINED_ON = 'JOINED_ON',
  ELECTED_ON = 'ELECTED_ON',
}
registerEnumType(UnionMembershipOrderField, {
  name: 'UnionMembershipOrderField',
  description: 'Sortable fields of memberships. ROLE sorts chairs first.',
});

const UnionKindFilter = EnumFilter(UnionKind, 'UnionKind');
const UnionRoleFilter = EnumFilter(UnionRole, 'UnionRole');

@InputType({ description: 'Conditions on union organisations; all given fields must hold.' })
export class UnionOrganizationWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The organisation itself.' })
  id?: IDFilter;
  @Field(() => UnionKindFilter, { nullable: true, description: 'Kind.' })
  kind?: InstanceType<typeof UnionKindFilter>;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Agriculture-related or not.' })
  agricultureRelated?: BooleanFilter;
  @Field(() => DateFilter, { nullable: true, description: 'Founding date.' })
  foundedOn?: InstanceType<typeof DateFilter>;
  @Field(() => RegionWhere, { nullable: true, description: 'The region matches.' })
  region?: RegionWhere;
  @Field(() => UnionOrganizationWhere, { nullable: true, description: 'The parent organisation matches.' })
  parent?: UnionOrganizationWhere;
  @Field(() => [UnionOrganizationWhere], { nullable: true, description: 'All of these hold.' })
  and?: UnionOrganizationWhere[];
  @Field(() => [UnionOrganizationWhere], { nullable: true, description: 'Any of these holds.' })
  or?: UnionOrganizationWhere[];
  @Field(() => UnionOrganizationWhere, { nullable: true, description: 'This does not hold.' })
  not?: UnionOrganizationWhere;
}

@InputType({ description: 'Conditions on memberships; all given fields must hold.' })
export class UnionMembershipWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The membership itself.' })
  id?: IDFilter;
  @Field(() => UnionRoleFilter, { nullable: true, description: 'Office.' })
  role?: InstanceType<typeof UnionRoleFilter>;
  @Field(() => DateFilter, { nullable: true, description: 'Election date.' })
  electedOn?: InstanceType<typeof DateFilter>;
  @Field(() => UnionOrganizationWhere, { nullable: true, description: 'The organisation matches.' })
  organization?: UnionOrganizationWhere;
  @Field(() => TalentWhere, { nullable: true, description: 'The member matches.' })
  talent?: TalentWhere;
  @Field(() => [UnionMembershipWhere], { nullable: true, description: 'All of these hold.' })
  and?: UnionMembershipWhere[];
  @Field(() => [UnionMembershipWhere], { nullable: true, description: 'Any of these holds.' })
  or?: UnionMembershipWhere[];
  @Field(() => UnionMembershipWhere, { nullable: true, description: 'This does not hold.' })
  not?: UnionMembershipWhere;
}

export const UnionOrganizationOrder = OrderInput(UnionOrganizationOrderField, 'UnionOrganization');
export const UnionOrganizationListArgs = ListArgsOf(
  UnionOrganizationWhere,
  UnionOrganizationOrder,
  'union organisation',
);
export const UnionMembershipOrder = OrderInput(UnionMembershipOrderField, 'UnionMembership');
export const UnionMembershipListArgs = ListArgsOf(UnionMembershipWhere, UnionMembershipOrder, 'membership');

@ObjectType({ description: 'A page of union organisations.' })
export class UnionOrganizationConnection extends ConnectionOf(UnionOrganization, 'UnionOrganization') {}

@ObjectType({ description: 'A page of memberships.' })
export class UnionMembershipConnection extends ConnectionOf(UnionMembership, 'UnionMembership') {}
