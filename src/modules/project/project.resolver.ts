import { field, ResolverOf } from '../../graphql/resolvers.js';
import { Money } from '../../graphql/types.js';
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

// biome-ignore format: a table, one field a line
export const ProjectResolver = ResolverOf(Project, { what: 'project', named: true, payload: ProjectPayload }, {
  projects: field.listQuery(ProjectConnection, ProjectListArgs, projectService.list, 'Projects brought by talents.'),
  project: field.byCode(Project, projectService.bySlug, 'Current or former slug.', 'A project by its slug (a former one too: the answer’s `slug` is the current one); null when there is none.', 'slug'),
  town: field.toOne(Region, regionService.byId, 'The town the project is in.'),
  village: field.toOne(Village, villageService.byId, 'The village the project is in, when it is in one.', { nullable: true }),
  totalInvestment: field.computed(Money, investmentService.totalForProject, 'Committed capital: the sum of the project’s investments that reached signing (签约) or a later stage and are not archived, in CNY.'),
  participants: field.toMany(ProjectRoleConnection, ProjectRoleListArgs, projectRoleService.byProject, 'Talents taking part (public profiles), with their roles.'),
  partners: field.toMany(ProjectPartnerConnection, ProjectPartnerListArgs, projectPartnerService.byProject, 'Partner organisations, with their roles.'),
  investments: field.toMany(InvestmentConnection, InvestmentListArgs, investmentService.byProject, 'Investments in the project.'),
  leases: field.toManyWith(LeaseConnection, LeaseListArgs, leaseService.byLessee, 'project', 'Houses the project holds or held, as leases.'),
  createProject: field.mutation(CreateProjectInput, projectWrites.create, 'Records a project in a town you govern.'),
  updateProject: field.mutation(UpdateProjectInput, projectWrites.update, 'Changes a project; CONFLICT when it changed since `version`.'),
  archiveProject: field.archive(projectWrites.archive, 'Archives a project: gone from lists, kept with history and relations.'),
});

// biome-ignore format: a table, one field a line
export const ProjectRoleResolver = ResolverOf(ProjectRole, { payload: ProjectRolePayload }, {
  projectRoles: field.listQuery(ProjectRoleConnection, ProjectRoleListArgs, projectRoleService.list, 'Talents’ roles in projects (public profiles).'),
  project: field.toOne(Project, projectService.byId, 'The project.'),
  talent: field.toOne(Talent, talentService.byId, 'The talent.'),
  addProjectParticipant: field.mutation(AddProjectParticipantInput, projectRoleWrites.add, 'Adds a talent to a project with a role.', 'Project, talent and role.'),
  removeProjectParticipant: field.mutation(RemoveLinkInput, projectRoleWrites.remove, 'Removes a talent’s role from a project (the audit trail keeps it).', 'The ProjectRole.'),
});

// biome-ignore format: a table, one field a line
export const ProjectPartnerResolver = ResolverOf(ProjectPartner, { payload: ProjectPartnerPayload }, {
  project: field.toOne(Project, projectService.byId, 'The project.'),
  organization: field.toOne(Organization, organizationService.byId, 'The organisation.'),
  addProjectPartner: field.mutation(AddProjectPartnerInput, projectPartnerWrites.add, 'Adds an organisation to a project with a role.', 'Project, organisation and role.'),
  removeProjectPartner: field.mutation(RemoveLinkInput, projectPartnerWrites.remove, 'Removes an organisation’s role from a project (the audit trail keeps it).', 'The ProjectPartner.'),
});
