import { field, ResolverOf } from '../../graphql/resolvers.js';
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

// biome-ignore format: a table, one field a line
export const OrganizationResolver = ResolverOf(Organization, { what: 'organisation', named: true, payload: OrganizationPayload }, {
  organizations: field.listQuery(OrganizationConnection, OrganizationListArgs, organizationService.list, 'Universities, companies, funds, co-operatives and public bodies.'),
  region: field.toOne(Region, regionService.byId, 'Region the organisation is based in.', { nullable: true }),
  investments: field.toMany(InvestmentConnection, InvestmentListArgs, investmentService.byInvestor, 'Investments this organisation made.'),
  projectPartnerships: field.toMany(ProjectPartnerConnection, ProjectPartnerListArgs, projectPartnerService.byOrganization, 'Projects this organisation takes part in, with its role.'),
  affiliatedTalents: field.toMany(TalentConnection, TalentListArgs, talentService.byAffiliation, 'Talents affiliated with this organisation (public profiles).'),
  leases: field.toManyWith(LeaseConnection, LeaseListArgs, leaseService.byLessee, 'organization', 'Houses this organisation holds or held, as leases.'),
  createOrganization: field.mutation(CreateOrganizationInput, organizationWrites.create, 'Records an organisation (in a region you govern, or anywhere for admins).'),
  updateOrganization: field.mutation(UpdateOrganizationInput, organizationWrites.update, 'Changes an organisation; CONFLICT when it changed since `version`.'),
  archiveOrganization: field.archive(organizationWrites.archive, 'Archives an organisation.'),
});
