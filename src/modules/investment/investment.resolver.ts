import { field, ResolverOf } from '../../graphql/resolvers.js';
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

// biome-ignore format: a table, one field a line
export const InvestmentResolver = ResolverOf(Investment, { what: 'investment', payload: InvestmentPayload }, {
  investments: field.listQuery(InvestmentConnection, InvestmentListArgs, investmentService.list, 'Investments in projects.'),
  project: field.toOne(Project, projectService.byId, 'The project invested in.'),
  investor: field.toOne(Organization, organizationService.byId, 'The investor.'),
  attributedTo: field.toOne(Talent, talentService.byId, 'The talent the investment is attributed to (以才引资); null when none or when the talent has no public profile.', { nullable: true, key: 'attributedTalentId' }),
  amount: field.amount('Amount committed (signed, or proposed before signing).'),
  fundedAmount: field.amount('Amount that has arrived (到资); never more than `amount`.'),
  createInvestment: field.mutation(CreateInvestmentInput, investmentWrites.create, 'Records capital committed to a project of a town you govern.'),
  updateInvestment: field.mutation(UpdateInvestmentInput, investmentWrites.update, 'Changes an investment; its stage only moves forward.'),
  correctInvestmentStage: field.mutation(CorrectInvestmentStageInput, investmentWrites.correctStage, 'Corrects the stage of an investment, backwards if need be, with a reason kept in the audit trail.', 'The correction.'),
  archiveInvestment: field.archive(investmentWrites.archive, 'Archives an investment recorded by mistake.'),
});
