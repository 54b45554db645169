import type { Context } from '../graphql/context.js';
import { named, orderSql } from './cursors.js';
import { childListKey, listQuery, WINDOW_TOTAL } from './list.js';
import type { NestedList, Plan } from './lookahead.js';
import { forViewer } from './select.js';
import { Alias, Aliases, EMPTY, ident, ROOT, raw, Sql, sql } from './sql.js';
import type { PgConnection, PgField } from './statements.js';

/*
 * Folding nested lists into the statement that reads their parents: a JSON subquery per list and
 * row, typed by what PostgreSQL said when the list was read on its own.
 */

/** The text and parser of each column a child list's statement returns, learnt from PostgreSQL. */
interface RowType {
  names: string[];
  parsers: ((text: string) => unknown)[];
}
/** Row types of child lists by table and select list (which names every column and its type). */
const rowTypes = new Map<string, RowType>();
/** Columns of list statements that are bookkeeping, not part of a row read along with its parent. */
const BOOKKEEPING = new Set(['__parent', '__total', '__rn', '__in']);

/**
 * Remembers the columns of a child list statement and how the connection parses them, so that
 * later statements can read the same list along with its parents as text and turn it into the very
 * same rows (see `foldLists`).
 */
export function learnRowType(key: string, fields: PgField[], connection: PgConnection) {
  if (rowTypes.has(key)) return;
  const kept = fields.filter((f) => !BOOKKEEPING.has(f.name) && !f.name.startsWith('$list.'));
  if (rowTypes.size > 5000) rowTypes.clear();
  rowTypes.set(key, {
    names: kept.map((f) => f.name),
    parsers: kept.map((f) => connection.getTypeParser(f.dataTypeID, 'text')),
  });
}

export interface Folded {
  list: NestedList;
  /** The statement's column carrying the list ("$list.Talent.unionMemberships"). */
  column: string;
  /** Key of the loader its resolver reads. */
  key: string;
  type: RowType;
  limit: number;
  backward: boolean;
  signature: string;
  keyNames: string[];
  /** Lists of the items read along with them: each item is then `[texts, …pages of these]`. */
  nested: Folded[];
}

/**
 * The nested lists of `plan` read along with its rows: for each, a subquery per row building the
 * items' page (one more than asked, in order, with the total when selected) as a JSON array of
 * texts, which `primeLists` parses with the types PostgreSQL gave when the list was last read on
 * its own; lists of the items are read along in turn. A list not read on its own yet (in this
 * process) is left to its resolver, which then teaches its type: the first request of a new shape
 * takes a statement more.
 */
export function foldLists(ctx: Context, plan: Plan, parentKey: Sql): Fold {
  if (!plan.lists?.length) return NO_FOLD;
  const lists = plan.lists;
  return forViewer(publicFolds, ctx, plan, `${ctx.locale}|${parentKey.text}`, () =>
    buildFold(ctx, lists, parentKey, new Aliases(), true),
  );
}

export interface Fold {
  /** The subqueries, each as `, (…) as "$list.…"` (top level) or `, (…)` (inside an item). */
  select: Sql;
  folded: Folded[];
  /** Whether every list, at every depth, is read along. */
  complete: boolean;
}
const NO_FOLD: Fold = { select: EMPTY, folded: [], complete: true };
/** Folds of anonymous reads (every list folded) by plan, language and parent key. */
const publicFolds = new WeakMap<Plan, Map<string, Fold>>();

/**
 * Writes the subqueries of `lists` for this viewer, each reading the items of the parent whose key
 * is `parentKey`; each list's items get an alias of `aliases` (`s0`, `s1`, …), which lists below
 * them refer to. `top`: the subqueries are columns of the statement, named after their lists.
 */
function buildFold(
  ctx: Context,
  lists: readonly NestedList[],
  parentKey: Sql,
  aliases: Aliases,
  top: boolean,
): Fold {
  const parts: Sql[] = [];
  const folded: Folded[] = [];
  let complete = true;
  for (const list of lists) {
    let q: ReturnType<typeof listQuery>;
    try {
      q = listQuery(ctx, list.target, list.args, list.plan, list.link, true);
    } catch {
      complete = false;
      continue; // Bad arguments: the resolver reports them.
    }
    const type = rowTypes.get(`${list.target.table}|${q.columns.text}`);
    if (!type) {
      complete = false;
      continue;
    }
    const order = orderSql(
      q.terms.map((t) => t.expr),
      q.terms,
      q.backward,
    );
    const s = aliases.next('s');
    // The page's items keep their order in the array, by the same sort keys.
    const itemOrder = orderSql(named(s, q.keyNames), q.terms, q.backward);
    const texts = type.names.map((n) => sql`${s.col(n)}::text`);
    if (list.withTotal) texts.push(sql`${s.col('__total')}::text`);
    const below = list.plan.lists?.length
      ? buildFold(ctx, list.plan.lists, s.col('pk'), aliases, false)
      : NO_FOLD;
    complete &&= below.complete;
    const array = sql`array[${Sql.join(texts, ', ')}]`;
    const item = below.folded.length ? sql`json_build_array(${array}${below.select})` : array;
    // The link's expression and join are the table spec's, on alias `t` (the items' table).
    const where = Sql.and([sql`${raw(list.link.expr)} = ${parentKey}`, ...q.filters])!;
    const column = `$list.${list.relation}`;
    parts.push(
      sql`, (select json_agg(${item} order by ${itemOrder}) from (select ${q.columns}${list.withTotal ? WINDOW_TOTAL : EMPTY} from ${ident(list.target.table)} ${ROOT} ${raw(list.link.join ?? '')}${q.joined} where ${where} order by ${order} limit ${q.limit + 1}) ${s})${top ? sql` as ${ident(column)}` : EMPTY}`,
    );
    const { relation, target, link, withTotal, args, fixed } = list;
    // A fixed list is read by its service without `info`: its loader key names no relation.
    const key = childListKey(target, fixed ? '' : relation, link, withTotal, args, list.plan);
    folded.push({ list, column, key, type, ...q, nested: below.folded });
  }
  return { select: Sql.join(parts, ''), folded, complete };
}

/** The alias of the parent's key in a statement reading nested lists along (see `LATERAL_KEY`). */
const PARENT = new Alias('__p');

/**
 * The parent's key under a name of its own (`PARENT_KEY`, `__p.pk`), for nested lists read along:
 * inside their subqueries the alias `t` is the list's own table.
 */
export const LATERAL_KEY = sql` cross join lateral (select ${ROOT.col('id')} as pk) ${PARENT}`;
export const PARENT_KEY = PARENT.col('pk');
