import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { DecimalStats, GROUP_ARGS, GroupsOf } from '../../graphql/groups.js';
import { type AggregateSpec, dateBuckets, groupedFigures } from '../../graphql/read/aggregate.js';
import { OrganizationKind } from '../organization/organization.entity.js';
import { organizationTable } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectTable } from '../project/project.service.js';
import { Project } from '../project/project.types.js';
import { talentTable } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import { InvestmentKind, InvestmentStage } from './investment.entity.js';
import { investmentTable } from './investment.service.js';
import { InvestmentWhere } from './investment.types.js';

export enum InvestmentGroupBy {
  STAGE = 'STAGE',
  KIND = 'KIND',
  PROJECT = 'PROJECT',
  INVESTOR = 'INVESTOR',
  INVESTOR_KIND = 'INVESTOR_KIND',
  ATTRIBUTED_TO = 'ATTRIBUTED_TO',
  SIGNED_MONTH = 'SIGNED_MONTH',
  SIGNED_QUARTER = 'SIGNED_QUARTER',
  SIGNED_YEAR = 'SIGNED_YEAR',
}
registerEnumType(InvestmentGroupBy, {
  name: 'InvestmentGroupBy',
  description: 'Dimensions investments can be grouped by.',
});

export enum InvestmentGroupOrder {
  KEYS = 'KEYS',
  COUNT = 'COUNT',
  AMOUNT = 'AMOUNT',
  FUNDED_AMOUNT = 'FUNDED_AMOUNT',
}
registerEnumType(InvestmentGroupOrder, {
  name: 'InvestmentGroupOrder',
  description: 'Order of investment groups (AMOUNT: largest sum first).',
});

const spec: AggregateSpec = {
  groups: {
    STAGE: { key: 'stage', expr: 't.stage' },
    KIND: { key: 'kind', expr: 't.kind' },
    PROJECT: { key: 'project', expr: 't.project_id', ref: () => projectTable },
    INVESTOR: { key: 'investor', expr: 't.investor_id', ref: () => organizationTable },
    INVESTOR_KIND: {
      key: 'investorKind',
      expr: '(select o.kind from organization o where o.id = t.investor_id)',
    },
    ATTRIBUTED_TO: { key: 'attributedTo', expr: 't.attributed_talent_id', ref: () => talentTable },
    ...dateBuckets('SIGNED', 'signed', 'signed_on'),
  },
  measures: { amount: 'amount', fundedAmount: 'funded_amount' },
};

@ObjectType({
  description: 'The values of the dimensions an investment group was formed by (the others are null).',
})
export class InvestmentGroupKey {
  @Field(() => InvestmentStage, { nullable: true, description: 'Stage.' }) stage?: InvestmentStage;
  @Field(() => InvestmentKind, { nullable: true, description: 'Initial or added.' }) kind?: InvestmentKind;
  @Field(() => Project, { nullable: true, description: 'Project.' }) project?: unknown;
  @Field(() => Organization, { nullable: true, description: 'Investor.' }) investor?: unknown;
  @Field(() => OrganizationKind, { nullable: true, description: 'Kind of investor.' })
  investorKind?: OrganizationKind;
  @Field(() => Talent, {
    nullable: true,
    description: 'Talent it is attributed to (null: none, or not public).',
  })
  attributedTo?: unknown;
  @Field(() => String, { nullable: true, description: 'Signing month, e.g. 2021-03.' }) signedMonth?: string;
  @Field(() => String, { nullable: true, description: 'Signing quarter, e.g. 2021-Q1.' })
  signedQuarter?: string;
  @Field(() => String, { nullable: true, description: 'Signing year.' }) signedYear?: string;
}

@ObjectType({ description: 'Investments of one group.' })
export class InvestmentGroup {
  @Field(() => String, { description: 'Cursor of this group.' }) cursor: string;
  @Field(() => InvestmentGroupKey, { description: 'What the investments of this group share.' })
  key: InvestmentGroupKey;
  @Field(() => Int, { description: 'Investments in the group.' }) count: number;
  @Field(() => DecimalStats, { description: 'Amounts (CNY).' }) amount: DecimalStats;
  @Field(() => DecimalStats, { description: 'Funded amounts (CNY).' }) fundedAmount: DecimalStats;
}

@ObjectType({ description: 'A page of investment groups.' })
export class InvestmentGroups extends GroupsOf(InvestmentGroup, 'Investment') {}

@Resolver()
export class InvestmentGroupsResolver {
  @Query(() => InvestmentGroups, {
    description:
      'Investments counted and summed per group (stage, investor kind, quarter, attributed talent …), one SQL statement. Top N capital per talent: groupBy [ATTRIBUTED_TO], orderBy AMOUNT, first N.',
  })
  investmentGroups(
    @Arg('groupBy', () => [InvestmentGroupBy], { description: GROUP_ARGS.groupBy })
    groupBy: InvestmentGroupBy[],
    @Arg('where', () => InvestmentWhere, { nullable: true, description: GROUP_ARGS.where })
    where: InvestmentWhere | null,
    @Arg('orderBy', () => InvestmentGroupOrder, { nullable: true, description: GROUP_ARGS.orderBy })
    orderBy: InvestmentGroupOrder | null,
    @Arg('first', () => Int, { nullable: true, description: GROUP_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: GROUP_ARGS.after }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return groupedFigures(ctx, investmentTable, spec, { groupBy, where, orderBy, first, after });
  }
}
