import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
import { leaseService } from '../house/house.service.js';
import { LeaseConnection, LeaseListArgs } from '../house/house.types.js';
import { investmentService } from '../investment/investment.service.js';
import { InvestmentConnection, InvestmentListArgs } from '../investment/investment.types.js';
import { projectPartnerService } from '../project/project.service.js';
import { ProjectPartnerConnection, ProjectPartnerListArgs } from '../project/project.types.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentService } from '../talent/talent.service.js';
import { TalentConnection, TalentListArgs } from '../talent/talent.types.js';
import {
  CreateOrganizationInput,
  OrganizationPayload,
  UpdateOrganizationInput,
} from './organization.inputs.js';
import { organizationService } from './organization.service.js';
import { Organization, OrganizationConnection, OrganizationListArgs } from './organization.types.js';
import { organizationWrites } from './organization.writes.js';

@Resolver(() => Organization)
export class OrganizationResolver extends NamedResolver(Organization, 'organisation') {
  @Query(() => OrganizationConnection, {
    description: 'Universities, companies, funds, co-operatives and public bodies.',
  })
  organizations(
    @Args(() => OrganizationListArgs) args: InstanceType<typeof OrganizationListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return organizationService.list(ctx, args, info);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Region the organisation is based in.' })
  region(@Root() org: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, org.regionId, 'Organization.region', info);
  }

  @FieldResolver(() => InvestmentConnection, { description: 'Investments this organisation made.' })
  investments(
    @Root() org: Row,
    @Args(() => InvestmentListArgs) args: InstanceType<typeof InvestmentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return investmentService.byInvestor(ctx, org, args, info);
  }

  @FieldResolver(() => ProjectPartnerConnection, {
    description: 'Projects this organisation takes part in, with its role.',
  })
  projectPartnerships(
    @Root() org: Row,
    @Args(() => ProjectPartnerListArgs) args: InstanceType<typeof ProjectPartnerListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectPartnerService.byOrganization(ctx, org, args, info);
  }

  @FieldResolver(() => TalentConnection, {
    description: 'Talents affiliated with this organisation (public profiles).',
  })
  affiliatedTalents(
    @Root() org: Row,
    @Args(() => TalentListArgs) args: InstanceType<typeof TalentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return talentService.byAffiliation(ctx, org, args, info);
  }

  @FieldResolver(() => LeaseConnection, { description: 'Houses this organisation holds or held, as leases.' })
  leases(
    @Root() org: Row,
    @Args(() => LeaseListArgs) args: InstanceType<typeof LeaseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return leaseService.byLessee(ctx, 'organization', org, args, info);
  }

  @Mutation(() => OrganizationPayload, {
    description: 'Records an organisation (in a region you govern, or anywhere for admins).',
  })
  createOrganization(
    @Arg('input', () => CreateOrganizationInput, { description: 'The organisation.' })
    input: CreateOrganizationInput,
    @Ctx() ctx: Context,
  ) {
    return organizationWrites.create(ctx, input);
  }

  @Mutation(() => OrganizationPayload, {
    description: 'Changes an organisation; CONFLICT when it changed since `version`.',
  })
  updateOrganization(
    @Arg('input', () => UpdateOrganizationInput, { description: 'The changes.' })
    input: UpdateOrganizationInput,
    @Ctx() ctx: Context,
  ) {
    return organizationWrites.update(ctx, input);
  }

  @Mutation(() => OrganizationPayload, { description: 'Archives an organisation.' })
  archiveOrganization(
    @Arg('input', () => ArchiveInput, { description: 'The organisation and its version.' })
    input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return organizationWrites.archive(ctx, input);
  }
}
