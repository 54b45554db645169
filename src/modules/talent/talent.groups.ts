import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { GROUP_ARGS, GroupsOf } from '../../graphql/groups.js';
import { type AggregateSpec, dateBuckets, groupedFigures } from '../../graphql/read/aggregate.js';
import { organizationTable } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { regionTable } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { Degree, Settlement, TalentTier } from './talent.entity.js';
import { talentTable } from './talent.service.js';
import { TalentWhere } from './talent.types.js';

export enum TalentGroupBy {
  SETTLEMENT = 'SETTLEMENT',
  FIELD = 'FIELD',
  DEGREE = 'DEGREE',
  TIER = 'TIER',
  TOWN = 'TOWN',
  AFFILIATION = 'AFFILIATION',
  ARRIVED_MONTH = 'ARRIVED_MONTH',
  ARRIVED_QUARTER = 'ARRIVED_QUARTER',
  ARRIVED_YEAR = 'ARRIVED_YEAR',
}
registerEnumType(TalentGroupBy, {
  name: 'TalentGroupBy',
  description: 'Dimensions talents can be grouped by.',
});

export enum TalentGroupOrder {
  KEYS = 'KEYS',
  COUNT = 'COUNT',
}
registerEnumType(TalentGroupOrder, { name: 'TalentGroupOrder', description: 'Order of talent groups.' });

const spec: AggregateSpec = {
  groups: {
    SETTLEMENT: { key: 'settlement', expr: 't.settlement' },
    FIELD: { key: 'field', expr: 't.field' },
    DEGREE: { key: 'degree', expr: 't.degree' },
    TIER: { key: 'tier', expr: 't.tier' },
    TOWN: { key: 'town', expr: 't.town_id', ref: () => regionTable },
    AFFILIATION: { key: 'affiliation', expr: 't.affiliation_id', ref: () => organizationTable },
    ...dateBuckets('ARRIVED', 'arrived', 'arrived_on'),
  },
  measures: {},
};

@ObjectType({
  description: 'The values of the dimensions a talent group was formed by (the others are null).',
})
export class TalentGroupKey {
  @Field(() => Settlement, { nullable: true, description: 'Settlement.' }) settlement?: Settlement;
  @Field(() => String, { nullable: true, description: 'Field of expertise.' }) field?: string;
  @Field(() => Degree, { nullable: true, description: 'Degree.' }) degree?: Degree;
  @Field(() => TalentTier, { nullable: true, description: 'Tier.' }) tier?: TalentTier;
  @Field(() => Region, { nullable: true, description: 'Town.' }) town?: unknown;
  @Field(() => Organization, { nullable: true, description: 'Affiliation.' }) affiliation?: unknown;
  @Field(() => String, { nullable: true, description: 'Arrival month, e.g. 2021-03.' }) arrivedMonth?: string;
  @Field(() => String, { nullable: true, description: 'Arrival quarter, e.g. 2021-Q1.' })
  arrivedQuarter?: string;
  @Field(() => String, { nullable: true, description: 'Arrival year, e.g. 2021.' }) arrivedYear?: string;
}

@ObjectType({ description: 'Talents of one group.' })
export class TalentGroup {
  @Field(() => String, { description: 'Cursor of this group.' }) cursor: string;
  @Field(() => TalentGroupKey, { description: 'What the talents of this group share.' }) key: TalentGroupKey;
  @Field(() => Int, { description: 'Talents in the group.' }) count: number;
}

@ObjectType({ description: 'A page of talent groups.' })
export class TalentGroups extends GroupsOf(TalentGroup, 'Talent') {}

@Resolver()
export class TalentGroupsResolver {
  @Query(() => TalentGroups, {
    description:
      'Talents counted per group (settlement, field, arrival month …), one SQL statement; public profiles only for callers who cannot see the others.',
  })
  talentGroups(
    @Arg('groupBy', () => [TalentGroupBy], { description: GROUP_ARGS.groupBy }) groupBy: TalentGroupBy[],
    @Arg('where', () => TalentWhere, { nullable: true, description: GROUP_ARGS.where })
    where: TalentWhere | null,
    @Arg('orderBy', () => TalentGroupOrder, { nullable: true, description: GROUP_ARGS.orderBy })
    orderBy: TalentGroupOrder | null,
    @Arg('first', () => Int, { nullable: true, description: GROUP_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: GROUP_ARGS.after }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return groupedFigures(ctx, talentTable, spec, { groupBy, where, orderBy, first, after });
  }
}
