import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { OrganizationKind } from '../organization/organization.entity.js';
import { Organization } from '../organization/organization.types.js';
import { Project } from '../project/project.types.js';
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
    STAGE: { key: 'stage', type: () => InvestmentStage, description: 'Stage.' },
    KIND: { key: 'kind', type: () => InvestmentKind, description: 'Initial or added.' },
    PROJECT: {
      key: 'project',
      type: () => Project,
      description: 'Project.',
    },
    INVESTOR: {
      key: 'investor',
      type: () => Organization,
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
      prop: 'attributedTalent',
      type: () => Talent,
      description: 'Talent it is attributed to (null: none, or not public).',
    },
    ...dateDimensions('SIGNED', 'signed', 'signedOn', 'Signing'),
    ...dateDimensions('FUNDED', 'funded', 'fundedOn', 'Funding'),
  },
  measures: {
    amount: { description: 'Amounts (CNY).' },
    fundedAmount: { description: 'Funded amounts (CNY).' },
  },
});
