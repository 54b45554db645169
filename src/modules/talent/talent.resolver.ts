import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG, pickText } from '../../graphql/localized.js';
import { Money } from '../../graphql/types.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
import { leaseService } from '../house/house.service.js';
import { LeaseConnection, LeaseListArgs } from '../house/house.types.js';
import { investmentService } from '../investment/investment.service.js';
import { InvestmentConnection, InvestmentListArgs } from '../investment/investment.types.js';
import { organizationService } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectRoleService } from '../project/project.service.js';
import { ProjectRoleConnection, ProjectRoleListArgs } from '../project/project.types.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { unionMembershipService } from '../union/union.service.js';
import { UnionMembershipConnection, UnionMembershipListArgs } from '../union/union.types.js';
import { CreateTalentInput, TalentPayload, UpdateTalentInput } from './talent.inputs.js';
import { talentService } from './talent.service.js';
import { Talent, TalentConnection, TalentContact, TalentListArgs } from './talent.types.js';
import { talentWrites } from './talent.writes.js';

@Resolver(() => Talent)
export class TalentResolver {
  @Query(() => TalentConnection, {
    description:
      'Talents the caller may see: those with a public profile; officials also every talent of the regions they govern, admins every talent.',
  })
  talents(
    @Args(() => TalentListArgs) args: InstanceType<typeof TalentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return talentService.list(ctx, args, info);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Public biography in the chosen language.' })
  bio(
    @Root() talent: Row,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Ctx() ctx: Context,
  ) {
    return pickText(talent, 'bioZh', 'bioEn', locale, ctx);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Private: full legal name. Officials of the talent’s region and admins only; null otherwise.',
  })
  fullName(@Root() talent: Row) {
    // Private columns come masked from SQL (null) for callers the policy does not let read them.
    return (talent.fullName as string | null) ?? null;
  }

  @FieldResolver(() => TalentContact, {
    nullable: true,
    description:
      'Private: phone and e-mail. Officials of the talent’s region and admins; partners when the talent consented to be contacted; null otherwise.',
  })
  contact(@Root() talent: Row): TalentContact | null {
    // Masked in SQL like fullName: null for callers who may not read them.
    const phone = (talent.phone as string | null) ?? null;
    const email = (talent.email as string | null) ?? null;
    return phone || email ? { phone, email } : null;
  }

  @FieldResolver(() => Region, { description: 'The town the talent works in.' })
  town(@Root() talent: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, talent.townId, 'Talent.town', info);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'University, company or body the talent is affiliated with.',
  })
  affiliation(@Root() talent: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return organizationService.byId(ctx, talent.affiliationId, 'Talent.affiliation', info);
  }

  @FieldResolver(() => UnionMembershipConnection, {
    description: 'Union organisations the talent belongs to, with role and election date.',
  })
  unionMemberships(
    @Root() talent: Row,
    @Args(() => UnionMembershipListArgs) args: InstanceType<typeof UnionMembershipListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionMembershipService.byTalent(ctx, talent, args, info);
  }

  @FieldResolver(() => ProjectRoleConnection, {
    description: 'Projects the talent takes part in, with the role.',
  })
  projectRoles(
    @Root() talent: Row,
    @Args(() => ProjectRoleListArgs) args: InstanceType<typeof ProjectRoleListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectRoleService.byTalent(ctx, talent, args, info);
  }

  @FieldResolver(() => LeaseConnection, { description: 'Houses the talent holds or held, as leases.' })
  leases(
    @Root() talent: Row,
    @Args(() => LeaseListArgs) args: InstanceType<typeof LeaseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return leaseService.byLessee(ctx, 'talent', talent, args, info);
  }

  @FieldResolver(() => InvestmentConnection, {
    description: 'Investments attributed to the talent (以才引资).',
  })
  attributedInvestments(
    @Root() talent: Row,
    @Args(() => InvestmentListArgs) args: InstanceType<typeof InvestmentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return investmentService.byTalent(ctx, talent, args, info);
  }

  @FieldResolver(() => Money, {
    description:
      'Capital attributed to the talent: the sum of attributed investments that reached signing (签约) or a later stage and are not archived, in CNY.',
  })
  attributedInvestment(@Root() talent: Row, @Ctx() ctx: Context) {
    return investmentService.totalForTalent(ctx, talent);
  }

  @Mutation(() => TalentPayload, { description: 'Records a talent of a town you govern.' })
  createTalent(
    @Arg('input', () => CreateTalentInput, { description: 'The talent.' }) input: CreateTalentInput,
    @Ctx() ctx: Context,
  ) {
    return talentWrites.create(ctx, input);
  }

  @Mutation(() => TalentPayload, {
    description: 'Changes a talent; CONFLICT when it changed since `version`.',
  })
  updateTalent(
    @Arg('input', () => UpdateTalentInput, { description: 'The changes.' }) input: UpdateTalentInput,
    @Ctx() ctx: Context,
  ) {
    return talentWrites.update(ctx, input);
  }

  @Mutation(() => TalentPayload, {
    description: 'Archives a talent: gone from lists, kept with history and relations.',
  })
  archiveTalent(
    @Arg('input', () => ArchiveInput, { description: 'The talent and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return talentWrites.archive(ctx, input);
  }
}
