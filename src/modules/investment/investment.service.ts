import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { keyCondition, type ListArgs, runSql } from '../../graphql/read/query.js';
import { raw, sql } from '../../graphql/read/sql.js';
import { computedOr, defineTable, type Row } from '../../graphql/read/table.js';
import { type Money, money, registerNode } from '../../graphql/types.js';
import { organizationTable } from '../organization/organization.service.js';
import { projectTable } from '../project/project.service.js';
import { talentTable } from '../talent/talent.service.js';

const STAGES = "array['PROMOTION','NEGOTIATION','SIGNED','CONSTRUCTION','FUNDED','PRODUCTION']";

/** Stages at which capital counts as committed: signing and everything after it. */
export const COMMITTED_STAGES = ['SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION'];

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

/**
 * Committed CNY capital of the investments whose `column` holds the key of row `alias`, as a scalar
 * subquery (the computed `totalInvestment`/`attributedInvestment` fields read with their rows).
 * Archived investments do not count, as in a region's figures.
 */
export const committedSum = (column: 'project_id' | 'attributed_talent_id', alias: string) =>
  `(select coalesce(sum(i.amount)::text, '0.00') from investment i where i.${column} = ${alias}.id and i.stage in (${COMMITTED_STAGES.map((s) => `'${s}'`).join(', ')}) and i.currency = 'CNY' and i.archived_at is null)`;

/** Sum of committed CNY capital per key column, batched over keys. */
function committedTotal(
  ctx: Context,
  column: 'project_id' | 'attributed_talent_id',
  pk: string,
): Promise<Money> {
  return ctx.loaders
    .get<Money>(
      `committedTotal:${column}`,
      async (ids) => {
        const rows = await runSql<{ k: string; total: string }>(
          ctx,
          sql`select ${raw(column)} as k, sum(amount)::text as total from investment where ${keyCondition(ids, column)} and stage = any(${COMMITTED_STAGES}) and currency = 'CNY' and archived_at is null group by ${raw(column)}`,
        );
        return new Map(rows.map((r) => [r.k, money(r.total)!]));
      },
      money('0.00')!,
    )
    .load(pk);
}

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

/** A committed total as read with its row (computed field `field`), or loaded in a batch. */
const committed = (ctx: Context, row: Row, field: string, column: 'project_id' | 'attributed_talent_id') =>
  computedOr(
    row,
    field,
    (v) => money(v)!,
    () => committedTotal(ctx, column, row.pk),
  );
