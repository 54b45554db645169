import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { type ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { organizationTable } from '../organization/organization.service.js';
import { projectTable } from '../project/project.service.js';
import { talentTable } from '../talent/talent.service.js';
import { committed } from './investment.figures.js';

const STAGES = "array['PROMOTION','NEGOTIATION','SIGNED','CONSTRUCTION','FUNDED','PRODUCTION']";

export const investmentTable = registerNode(
  defineTable({
    table: 'investment',
    type: 'Investment',
    columns: [
      'projectId',
      'investorId',
      'attributedTalentId',
      'kind',
      'stage',
      'amount',
      'fundedAmount',
      'currency',
      'signedOn',
      'fundedOn',
      'version',
    ],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Investment' },
      stage: { kind: 'value', columns: ['stage'] },
      kind: { kind: 'value', columns: ['kind'] },
      amount: { kind: 'value', columns: ['amount'] },
      signedOn: { kind: 'value', columns: ['signed_on'] },
      project: { kind: 'one', column: 'project_id', target: () => projectTable },
      investor: { kind: 'one', column: 'investor_id', target: () => organizationTable },
      attributedTo: { kind: 'one', column: 'attributed_talent_id', target: () => talentTable },
    },
    orders: { AMOUNT: 'amount', SIGNED_ON: 'signed_on', STAGE: `(array_position(${STAGES}, t.stage))` },
    fieldColumns: { amount: ['amount', 'currency'], fundedAmount: ['fundedAmount', 'currency'] },
    defaultOrder: [{ field: 'AMOUNT', direction: 'DESC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const BY_TALENT = registerList('Talent.attributedInvestments', investmentTable, {
  expr: 't.attributed_talent_id',
});

/** Read along with the parents that select it (see `registerList`). */
const BY_INVESTOR = registerList('Organization.investments', investmentTable, { expr: 't.investor_id' });

/** Read along with the parents that select it (see `registerList`). */
const BY_PROJECT = registerList('Project.investments', investmentTable, { expr: 't.project_id' });

/** Reads of investments. */
export const investmentService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, investmentTable, args, info),

  byProject: (ctx: Context, project: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_PROJECT, project.pk, args, info),

  byInvestor: (ctx: Context, org: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_INVESTOR, org.pk, args, info),

  byTalent: (ctx: Context, talent: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, investmentTable, BY_TALENT, talent.pk, args, info),

  totalForProject: (ctx: Context, project: Row) => committed(ctx, project, 'totalInvestment', 'project_id'),

  totalForTalent: (ctx: Context, talent: Row) =>
    committed(ctx, talent, 'attributedInvestment', 'attributed_talent_id'),
};
