import { readAlongBy } from '../../data/registry.js';
import { defineTable, type Row } from '../../data/table.js';
import { childReads, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Investment } from './investment.entity.js';
import { committed } from './investment.figures.js';
import { InvestmentList } from './investment.types.js';

export const investmentTable = defineTable({
  entity: Investment,
  filters: InvestmentList.filters,
  orders: InvestmentList.orders,
  fieldColumns: { amount: ['amount', 'currency'], fundedAmount: ['fundedAmount', 'currency'] },
  defaultOrder: [{ field: 'AMOUNT', direction: 'DESC' }],
});

/** Read along with the parents that select it (listed in investment.module.ts). */
export const BY_TALENT = readAlongBy('Talent.attributedInvestments', investmentTable, 'attributedTalent');

/** Read along with the parents that select it (listed in investment.module.ts). */
export const BY_INVESTOR = readAlongBy('Organization.investments', investmentTable, 'investor');

/** Read along with the parents that select it (listed in investment.module.ts). */
export const BY_PROJECT = readAlongBy('Project.investments', investmentTable, 'project');

/** Reads of investments. */
export const investmentService = {
  list: tableReads(investmentTable).list,

  byProject: childReads(investmentTable, BY_PROJECT),

  byInvestor: childReads(investmentTable, BY_INVESTOR),

  byTalent: childReads(investmentTable, BY_TALENT),

  totalForProject: (ctx: Context, project: Row) => committed(ctx, project, 'totalInvestment', 'project_id'),

  totalForTalent: (ctx: Context, talent: Row) =>
    committed(ctx, talent, 'attributedInvestment', 'attributed_talent_id'),
};
