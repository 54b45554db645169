import { dateDimensions, defineGroups } from '../../graphql/groups.js';
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

/** investmentGroups: by stage and investor kind per quarter; top N capital per talent (groupBy ATTRIBUTED_TO, orderBy AMOUNT). */
export const InvestmentGroupsResolver = defineGroups({
  name: 'Investment',
  query: 'investmentGroups',
  what: 'investments',
  table: () => investmentTable,
  where: InvestmentWhere,
  dimensions: {
    STAGE: { key: 'stage', expr: 't.stage', type: () => InvestmentStage, description: 'Stage.' },
    KIND: { key: 'kind', expr: 't.kind', type: () => InvestmentKind, description: 'Initial or added.' },
    PROJECT: {
      key: 'project',
      expr: 't.project_id',
      type: () => Project,
      ref: () => projectTable,
      description: 'Project.',
    },
    INVESTOR: {
      key: 'investor',
      expr: 't.investor_id',
      type: () => Organization,
      ref: () => organizationTable,
      description: 'Investor.',
    },
    INVESTOR_KIND: {
      key: 'investorKind',
      expr: '(select o.kind from organization o where o.id = t.investor_id)',
      type: () => OrganizationKind,
      description: 'Kind of investor.',
    },
    ATTRIBUTED_TO: {
      key: 'attributedTo',
      expr: 't.attributed_talent_id',
      type: () => Talent,
      ref: () => talentTable,
      description: 'Talent it is attributed to (null: none, or not public).',
    },
    ...dateDimensions('SIGNED', 'signed', 'signed_on', 'Signing'),
    ...dateDimensions('FUNDED', 'funded', 'funded_on', 'Funding'),
  },
  measures: {
    amount: { column: 'amount', description: 'Amounts (CNY).' },
    fundedAmount: { column: 'funded_amount', description: 'Funded amounts (CNY).' },
  },
});
