import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import { Money } from '../../graphql/types.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
import { leaseService } from '../house/house.service.js';
import { LeaseConnection, LeaseListArgs } from '../house/house.types.js';
import { investmentService } from '../investment/investment.service.js';
import { InvestmentConnection, InvestmentListArgs } from '../investment/investment.types.js';
import { organizationService } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentService } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import { villageService } from '../village/village.service.js';
import { Village } from '../village/village.types.js';
import {
  AddProjectParticipantInput,
  AddProjectPartnerInput,
  CreateProjectInput,
  ProjectPartnerPayload,
  ProjectPayload,
  ProjectRolePayload,
  RemoveLinkInput,
  UpdateProjectInput,
} from './project.inputs.js';
import { projectPartnerService, projectRoleService, projectService } from './project.service.js';
import {
  Project,
  ProjectConnection,
  ProjectListArgs,
  ProjectPartner,
  ProjectPartnerConnection,
  ProjectPartnerListArgs,
  ProjectRole,
  ProjectRoleConnection,
  ProjectRoleListArgs,
} from './project.types.js';
import { projectPartnerWrites, projectRoleWrites, projectWrites } from './project.writes.js';

@Resolver(() => Project)
export class ProjectResolver extends NamedResolver(Project, 'project') {
  @Query(() => ProjectConnection, { description: 'Projects brought by talents.' })
  projects(
    @Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectService.list(ctx, args, info);
  }

  @FieldResolver(() => Region, { description: 'The town the project is in.' })
  town(@Root() project: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, project.townId, 'Project.town', info);
  }

  @FieldResolver(() => Village, {
    nullable: true,
    description: 'The village the project is in, when it is in one.',
  })
  village(@Root() project: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return villageService.byId(ctx, project.villageId, 'Project.village', info);
  }

  @FieldResolver(() => ProjectRoleConnection, {
    description: 'Talents taking part (public profiles), with their roles.',
  })
  participants(
    @Root() project: Row,
    @Args(() => ProjectRoleListArgs) args: InstanceType<typeof ProjectRoleListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectRoleService.byProject(ctx, project, args, info);
  }

  @FieldResolver(() => ProjectPartnerConnection, { description: 'Partner organisations, with their roles.' })
  partners(
    @Root() project: Row,
    @Args(() => ProjectPartnerListArgs) args: InstanceType<typeof ProjectPartnerListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectPartnerService.byProject(ctx, project, args, info);
  }

  @FieldResolver(() => InvestmentConnection, { description: 'Investments in the project.' })
  investments(
    @Root() project: Row,
    @Args(() => InvestmentListArgs) args: InstanceType<typeof InvestmentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return investmentService.byProject(ctx, project, args, info);
  }

  @FieldResolver(() => Money, {
    description:
      'Committed capital: the sum of the project’s investments that reached signing (签约) or a later stage and are not archived, in CNY.',
  })
  totalInvestment(@Root() project: Row, @Ctx() ctx: Context) {
    return investmentService.totalForProject(ctx, project);
  }

  @FieldResolver(() => LeaseConnection, { description: 'Houses the project holds or held, as leases.' })
  leases(
    @Root() project: Row,
    @Args(() => LeaseListArgs) args: InstanceType<typeof LeaseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return leaseService.byLessee(ctx, 'project', project, args, info);
  }

  @Mutation(() => ProjectPayload, { description: 'Records a project in a town you govern.' })
  createProject(
    @Arg('input', () => CreateProjectInput, { description: 'The project.' }) input: CreateProjectInput,
    @Ctx() ctx: Context,
  ) {
    return projectWrites.create(ctx, input);
  }

  @Mutation(() => ProjectPayload, {
    description: 'Changes a project; CONFLICT when it changed since `version`.',
  })
  updateProject(
    @Arg('input', () => UpdateProjectInput, { description: 'The changes.' }) input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ) {
    return projectWrites.update(ctx, input);
  }

  @Mutation(() => ProjectPayload, {
    description: 'Archives a project: gone from lists, kept with history and relations.',
  })
  archiveProject(
    @Arg('input', () => ArchiveInput, { description: 'The project and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return projectWrites.archive(ctx, input);
  }

  @Mutation(() => ProjectRolePayload, { description: 'Adds a talent to a project with a role.' })
  addProjectParticipant(
    @Arg('input', () => AddProjectParticipantInput, { description: 'Project, talent and role.' })
    input: AddProjectParticipantInput,
    @Ctx() ctx: Context,
  ) {
    return projectRoleWrites.add(ctx, input);
  }

  @Mutation(() => ProjectRolePayload, {
    description: 'Removes a talent’s role from a project (the audit trail keeps it).',
  })
  removeProjectParticipant(
    @Arg('input', () => RemoveLinkInput, { description: 'The ProjectRole.' }) input: RemoveLinkInput,
    @Ctx() ctx: Context,
  ) {
    return projectRoleWrites.remove(ctx, input);
  }

  @Mutation(() => ProjectPartnerPayload, { description: 'Adds an organisation to a project with a role.' })
  addProjectPartner(
    @Arg('input', () => AddProjectPartnerInput, { description: 'Project, organisation and role.' })
    input: AddProjectPartnerInput,
    @Ctx() ctx: Context,
  ) {
    return projectPartnerWrites.add(ctx, input);
  }

  @Mutation(() => ProjectPartnerPayload, {
    description: 'Removes an organisation’s role from a project (the audit trail keeps it).',
  })
  removeProjectPartner(
    @Arg('input', () => RemoveLinkInput, { description: 'The ProjectPartner.' }) input: RemoveLinkInput,
    @Ctx() ctx: Context,
  ) {
    return projectPartnerWrites.remove(ctx, input);
  }
}

@Resolver(() => ProjectRole)
export class ProjectRoleResolver {
  @Query(() => ProjectRoleConnection, { description: 'Talents’ roles in projects (public profiles).' })
  projectRoles(
    @Args(() => ProjectRoleListArgs) args: InstanceType<typeof ProjectRoleListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectRoleService.list(ctx, args, info);
  }

  @FieldResolver(() => Project, { description: 'The project.' })
  project(@Root() role: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return projectService.byId(ctx, role.projectId, 'ProjectRole.project', info);
  }

  @FieldResolver(() => Talent, { description: 'The talent.' })
  talent(@Root() role: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return talentService.byId(ctx, role.talentId, 'ProjectRole.talent', info);
  }
}

@Resolver(() => ProjectPartner)
export class ProjectPartnerResolver {
  @FieldResolver(() => Project, { description: 'The project.' })
  project(@Root() partner: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return projectService.byId(ctx, partner.projectId, 'ProjectPartner.project', info);
  }

  @FieldResolver(() => Organization, { description: 'The organisation.' })
  organization(@Root() partner: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return organizationService.byId(ctx, partner.organizationId, 'ProjectPartner.organization', info);
  }
}
