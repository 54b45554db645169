import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { Money, money } from '../../graphql/types.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
import { organizationService } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectService } from '../project/project.service.js';
import { Project } from '../project/project.types.js';
import { talentService } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import {
  CorrectInvestmentStageInput,
  CreateInvestmentInput,
  InvestmentPayload,
  UpdateInvestmentInput,
} from './investment.inputs.js';
import { investmentService } from './investment.service.js';
import { Investment, InvestmentConnection, InvestmentListArgs } from './investment.types.js';
import { investmentWrites } from './investment.writes.js';

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
  project(@Root() investment: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return projectService.byId(ctx, investment.projectId, 'Investment.project', info);
  }

  @FieldResolver(() => Organization, { description: 'The investor.' })
  investor(@Root() investment: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return organizationService.byId(ctx, investment.investorId, 'Investment.investor', info);
  }

  @FieldResolver(() => Talent, {
    nullable: true,
    description:
      'The talent the investment is attributed to (以才引资); null when none or when the talent has no public profile.',
  })
  attributedTo(@Root() investment: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return talentService.byId(ctx, investment.attributedTalentId, 'Investment.attributedTo', info);
  }

  @Mutation(() => InvestmentPayload, {
    description: 'Records capital committed to a project of a town you govern.',
  })
  createInvestment(
    @Arg('input', () => CreateInvestmentInput, { description: 'The investment.' })
    input: CreateInvestmentInput,
    @Ctx() ctx: Context,
  ) {
    return investmentWrites.create(ctx, input);
  }

  @Mutation(() => InvestmentPayload, { description: 'Changes an investment; its stage only moves forward.' })
  updateInvestment(
    @Arg('input', () => UpdateInvestmentInput, { description: 'The changes.' }) input: UpdateInvestmentInput,
    @Ctx() ctx: Context,
  ) {
    return investmentWrites.update(ctx, input);
  }

  @Mutation(() => InvestmentPayload, {
    description:
      'Corrects the stage of an investment, backwards if need be, with a reason kept in the audit trail.',
  })
  correctInvestmentStage(
    @Arg('input', () => CorrectInvestmentStageInput, { description: 'The correction.' })
    input: CorrectInvestmentStageInput,
    @Ctx() ctx: Context,
  ) {
    return investmentWrites.correctStage(ctx, input);
  }

  @Mutation(() => InvestmentPayload, { description: 'Archives an investment recorded by mistake.' })
  archiveInvestment(
    @Arg('input', () => ArchiveInput, { description: 'The investment and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return investmentWrites.archive(ctx, input);
  }
}
