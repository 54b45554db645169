import { defineGroups } from '../../graphql/groups.js';
import { investmentTable } from './investment.service.js';
import { InvestmentWhere } from './investment.types.js';

/** investmentGroups: by stage and investor kind per quarter; top N capital per talent (groupBy ATTRIBUTED_TO, orderBy AMOUNT). */
export const InvestmentGroupsResolver = defineGroups(investmentTable, InvestmentWhere, 'investments', {
  dimensions: [
    'stage',
    'kind',
    'project',
    'investor',
    { key: 'investorKind', prop: 'investor.kind', description: 'Kind of investor.' },
    {
      key: 'attributedTo',
      prop: 'attributedTalent',
      description: 'Talent it is attributed to (null: none, or not public).',
    },
  ],
  dates: { signedOn: 'Signing', fundedOn: 'Funding' },
  measures: { amount: 'Amounts (CNY).', fundedAmount: 'Funded amounts (CNY).' },
});
