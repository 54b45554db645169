import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import type { Row } from '../../graphql/read/table.js';
import { Money, money } from '../../graphql/types.js';
import { organizationService } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectService } from '../project/project.service.js';
import { Project } from '../project/project.types.js';
import { talentService } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import { investmentService } from './investment.service.js';
import { Investment, InvestmentConnection, InvestmentListArgs } from './investment.types.js';

@Resolver(() => Investment)
export class InvestmentResolver {
  @Query(() => InvestmentConnection, { description: 'Investments in projects.' })
  investments(
    @Args(() => InvestmentListArgs) args: InstanceType<typeof InvestmentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return investmentService.list(ctx, args, info);
  }

  @FieldResolver(() => Money, { description: 'Amount committed (signed, or proposed before signing).' })
  amount(@Root() investment: Row) {
    return money(investment.amount, investment.currency);
  }

  @FieldResolver(() => Money, { description: 'Amount that has arrived (到资); never more than `amount`.' })
  fundedAmount(@Root() investment: Row) {
    return money(investment.fundedAmount, investment.currency);
  }

  @FieldResolver(() => Project, { description: 'The project invested in.' })
  project(@Root() investment: Row, @Ctx() ctx: Context) {
    return projectService.byId(ctx, investment.projectId, 'Investment.project');
  }

  @FieldResolver(() => Organization, { description: 'The investor.' })
  investor(@Root() investment: Row, @Ctx() ctx: Context) {
    return organizationService.byId(ctx, investment.investorId, 'Investment.investor');
  }

  @FieldResolver(() => Talent, {
    nullable: true,
    description:
      'The talent the investment is attributed to (以才引资); null when none or when the talent has no public profile.',
  })
  attributedTo(@Root() investment: Row, @Ctx() ctx: Context) {
    return talentService.byId(ctx, investment.attributedTalentId, 'Investment.attributedTo');
  }
}
