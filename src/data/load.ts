import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../graphql/context.js';
import { getOrMake } from '../lib/maps.js';
import { type Folded, foldLists, LATERAL_KEY, PARENT_KEY } from './fold.js';
import { EMPTY_PLAN, type Plan, planOf, planSignature } from './lookahead.js';
import { primeLists } from './pages.js';
import {
  byIdKey,
  fetched,
  forViewer,
  joinClauses,
  keyCondition,
  planColumns,
  primeJoins,
  scopeOf,
  selectList,
} from './select.js';
import { EMPTY, ident, ROOT, Sql, sql } from './sql.js';
import { type Prepared, prepare, runPrepared } from './statements.js';
import type { Row, TableSpec } from './table.js';

/* Rows by primary key and by unique column, batched per relation field, with what the query reads along. */

/** The loader of rows of `spec` by primary key for one relation field (and the joins it reads with). */
function byIdLoader<E extends object>(ctx: Context, spec: TableSpec<E>, relation: string, plan: Plan) {
  return ctx.loaders.get<Row<E> | null>(
    byIdKey(spec, relation, plan),
    async (ids) => {
      const rows = await readRows(ctx, spec, plan, keyCondition(ids, ROOT.col('id')));
      return new Map(rows.map((row) => [row.pk, row]));
    },
    null,
  );
}

/** A read's statement up to its `where`, with the lists it reads along and its prepared forms by condition. */
interface ReadHead {
  text: string;
  params: readonly unknown[];
  folded: Folded[];
  /** Whether every nested list is read along (see `Fold`). */
  complete: boolean;
  statements: Map<string, Prepared>;
}
/** Heads of anonymous reads (every list read along) by plan, then table, language and key column. */
const publicHeads = new WeakMap<Plan, Map<string, ReadHead>>();

/**
 * The head of a read of `spec` with `plan`: the select list, joins and the lists read along, with
 * the prepared statement of each condition, so a repeated anonymous read writes and hashes no SQL.
 */
function readHead(ctx: Context, spec: TableSpec, plan: Plan, key: Sql | undefined): ReadHead {
  return forViewer(publicHeads, ctx, plan, `${spec.table}|${ctx.locale}|${key?.text ?? ''}`, () => {
    const fold = foldLists(ctx, plan, PARENT_KEY);
    const head = sql`select ${selectList(ctx, spec, ROOT, '', plan.columns)}${planColumns(ctx, spec, plan)}${key ? sql`, ${key} as __key` : EMPTY}${fold.select} from ${ident(spec.table)} ${ROOT}${joinClauses(ctx, plan)}${fold.folded.length ? LATERAL_KEY : EMPTY} where `;
    const { folded, complete } = fold;
    return { text: head.text, params: head.params, folded, complete, statements: new Map() };
  });
}

/**
 * Rows of `spec` the viewer may see that meet `condition`, with what `plan` reads along (joined
 * relations primed for their resolvers, computed fields, nested lists); `key` adds a column `__key`.
 */
async function readRows<E extends object>(
  ctx: Context,
  spec: TableSpec<E>,
  plan: Plan,
  condition: Sql,
  key?: Sql,
): Promise<Row<E>[]> {
  const head = readHead(ctx, spec, plan, key);
  const where = Sql.and([condition, scopeOf(ctx, spec)])!;
  const statement = getOrMake(head.statements, where.text, () => prepare(head.text + where.text));
  const rows = await runPrepared<Record<string, unknown>>(ctx, statement, [...head.params, ...where.params]);
  const { folded } = head;
  return rows.map((r) => {
    const row = fetched(spec, r);
    primeJoins(ctx, spec, row, row, plan);
    if (folded.length) primeLists(ctx, row, folded);
    return row;
  });
}

/**
 * Loads rows of `spec` by primary key in one statement per batch; rows the viewer may not see are
 * null. `relation` names the field asking (e.g. "Investment.investor"): each relation field has its
 * own loader, so the statements of an operation depend on its shape alone, not on which branch of
 * the query happens to reach the database first. With `info`, the to-one relations the query
 * selects below the field are joined into the same statement.
 */
export function findById<E extends object>(
  ctx: Context,
  spec: TableSpec<E>,
  pk: string | null | undefined,
  relation: string,
  info?: GraphQLResolveInfo,
): Row<E> | null | Promise<Row<E> | null> {
  if (!pk) return null;
  const plan = info ? planOf(info, spec, false) : EMPTY_PLAN;
  // A row read with its parent (a joined relation) is returned as it is, without a promise.
  const primed = ctx.loaders.primedOf<Row<E> | null>(byIdKey(spec, relation, plan));
  if (primed?.has(pk)) return primed.get(pk)!;
  return byIdLoader(ctx, spec, relation, plan).load(pk);
}

/**
 * Loads a row of `spec` by a unique text column (e.g. a region's code), batched like `findById`;
 * with `info`, what the query selects below it is read in the same statement (see `planRead`).
 */
export function findByUnique<E extends object>(
  ctx: Context,
  spec: TableSpec<E>,
  column: string,
  value: string,
  info?: GraphQLResolveInfo,
): Promise<Row<E> | null> {
  const plan = info ? planOf(info, spec, false) : EMPTY_PLAN;
  return ctx.loaders
    .get<Row<E> | null>(
      `byUnique:${spec.type}:${column}:${planSignature(plan)}`,
      async (values) => {
        const condition =
          values.length === 1
            ? sql`${ROOT.col(column)} = ${values[0]}`
            : sql`${ROOT.col(column)} = any(${values as string[]})`;
        const rows = await readRows(ctx, spec, plan, condition, ROOT.col(column));
        // `__key`: the unique column, beside the row keys (see `readRows`).
        return new Map(rows.map((row) => [(row as Record<string, unknown>).__key as string, row]));
      },
      null,
    )
    .load(value);
}
