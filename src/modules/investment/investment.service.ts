import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { type ListArgs } from '../../graphql/read/query.js';
import { readAlongBy } from '../../graphql/read/registry.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { Investment } from './investment.entity.js';
import { committed } from './investment.figures.js';

const STAGES = "array['PROMOTION','NEGOTIATION','SIGNED','CONSTRUCTION','FUNDED','PRODUCTION']";

export const investmentTable = defineTable({
  entity: Investment,
  filters: {
    id: 'id',
    stage: true,
    kind: true,
    amount: true,
    signedOn: true,
    project: true,
    investor: true,
    attributedTo: { prop: 'attributedTalent' },
  },
  orders: { AMOUNT: 'amount', SIGNED_ON: 'signedOn', STAGE: `(array_position(${STAGES}, t.stage))` },
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
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, investmentTable, args, info),

  byProject: (ctx: Context, project: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_PROJECT.link, project.pk, args, info),

  byInvestor: (ctx: Context, org: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_INVESTOR.link, org.pk, args, info),

  byTalent: (ctx: Context, talent: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_TALENT.link, talent.pk, args, info),

  totalForProject: (ctx: Context, project: Row) => committed(ctx, project, 'totalInvestment', 'project_id'),

  totalForTalent: (ctx: Context, talent: Row) =>
    committed(ctx, talent, 'attributedInvestment', 'attributed_talent_id'),
};
