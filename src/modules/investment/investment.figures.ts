import { keyCondition, runSql } from '../../data/query.js';
import { raw, sql } from '../../data/sql.js';
import { computedOr, type Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { type Money, money } from '../../graphql/types.js';

/**
 * The committed-capital figures that projects, talents and regions share. Apart from the services
 * (it imports none), so that any of them can use it without an import cycle.
 */

/** Stages at which capital counts as committed: signing and everything after it. */
export const COMMITTED_STAGES = ['SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION'];

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

/** A committed total as read with its row (computed field `field`), or loaded in a batch. */
export const committed = (
  ctx: Context,
  row: Row,
  field: string,
  column: 'project_id' | 'attributed_talent_id',
) =>
  computedOr(
    row,
    field,
    (v) => money(v)!,
    () => committedTotal(ctx, column, row.pk),
  );
