import type { Context } from '../graphql/context.js';
import { decodeCursor, encodeCursor, keyset, named, orderSql, refuseMistypedCursor } from './cursors.js';
import { type Folded, foldLists, LATERAL_KEY, learnRowType, PARENT_KEY } from './fold.js';
import { listQuery, WINDOW_TOTAL } from './list.js';
import { EMPTY_PLAN, type Plan } from './lookahead.js';
import { fetched, finish, keyCondition, primeJoins } from './select.js';
import { Alias, EMPTY, ident, ROOT, raw, Sql, sql } from './sql.js';
import { runSql } from './statements.js';
import type { ListArgs, ParentLink, Row, TableSpec } from './table.js';

/*
 * Pages of lists: the one list statement (many parents at once, or a top-level list), keyset paging
 * in both directions, and the rows of a statement, or of a folded list, shaped into pages.
 */

/** One page of a list, before it is shaped into a GraphQL connection. */
export interface Page<E extends object = object> {
  rows: Row<E>[];
  /** Cursor of each row (computed when first read). */
  readonly cursors: string[];
  total: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The aliases of a list statement for many parents: its rows with their parent (`s`), then with
 * their rank under it (`__o`).
 */
const ROWS = new Alias('s');
const RANKED = new Alias('__o');

/** Hands each folded list of `row` to the loader its resolver reads (`childConnection`), as a page. */
export function primeLists(ctx: Context, row: Record<string, unknown>, folded: Folded[]) {
  for (const f of folded) primeFolded(ctx, row.pk as string, f, row[f.column] as unknown[] | null);
}

/** Parses the items of one parent's folded list (and theirs in turn) and primes its page. */
function primeFolded(ctx: Context, parent: string, f: Folded, items: unknown[] | null) {
  const { names, parsers } = f.type;
  const rows = (items ?? []).map((element) => {
    const texts = (f.nested.length ? (element as unknown[])[0] : element) as (string | null)[];
    const item: Record<string, unknown> = { __parent: parent };
    for (let i = 0; i < names.length; i++) {
      const text = texts[i];
      item[names[i]!] = text == null ? null : parsers[i]!(text);
    }
    if (f.list.withTotal) item.__total = Number(texts[names.length]);
    const row = finish(f.list.target, item);
    for (let i = 0; i < f.nested.length; i++) {
      primeFolded(ctx, row.pk, f.nested[i]!, (element as unknown[][])[i + 1] as unknown[] | null);
    }
    return row;
  });
  const pages = buildPages(ctx, f.list.target, f.list.plan, rows, f, f.list.args);
  ctx.loaders.prime(f.key, parent, pages.get(parent) ?? emptyPage(0, f.list.args));
}

/**
 * Pages of a list for many parents in one statement (or of a top-level list when `parentIds` is
 * undefined): filter, keyset cursors in both directions, stable order ending with the id, and the
 * total when asked. Every list of the API pages here; grouped figures page their grouped rows with
 * the same keyset cursors (cursors.ts, aggregate.ts).
 */
export async function loadPages<E extends object>(
  ctx: Context,
  spec: TableSpec<E>,
  args: ListArgs,
  options: {
    withTotal: boolean;
    parent?: ParentLink;
    parentIds?: readonly string[];
    /** To-one relations and computed fields of the rows to read in the same statement. */
    plan?: Plan;
  },
): Promise<Map<string, Page<E>>> {
  const plan = options.plan ?? EMPTY_PLAN;
  const q = listQuery(ctx, spec, args, plan, options.parent);
  const { terms, signature, keyNames, filters, columns, joined, limit, backward } = q;
  const cursorOn = (exprs: readonly Sql[]) =>
    Sql.and([
      args.after
        ? keyset(exprs, terms, decodeCursor(args.after, signature, terms.length, 'after'), false)
        : null,
      args.before
        ? keyset(exprs, terms, decodeCursor(args.before, signature, terms.length, 'before'), true)
        : null,
    ]);

  let rows: Record<string, unknown>[];
  let folded: Folded[];
  const totals = new Map<string, number>();
  if (options.parent && options.parentIds) {
    if (options.parentIds.length === 0) return new Map();
    const p = options.parent;
    // The link's expression and join are the table spec's, on alias `t`.
    const link = raw(p.expr);
    const inner = Sql.and([keyCondition(options.parentIds, link), ...filters])!;
    const total = options.withTotal ? sql`, count(*) over (partition by ${link}) as __total` : EMPTY;
    const sKeys = named(ROWS, keyNames);
    const cursor = cursorOn(sKeys);
    const order = orderSql(sKeys, terms, backward);
    const from = sql`(select ${columns}, ${link} as __parent${total} from ${ident(spec.table)} ${ROOT} ${raw(p.join ?? '')}${joined} where ${inner}) ${ROWS}`;
    // Nested lists are read for the rows of the page only.
    const lists = foldLists(ctx, plan, RANKED.col('pk'));
    folded = lists.folded;
    const [s, o] = [ROWS, RANKED];
    const statement =
      cursor && options.withTotal
        ? // Rows on the wrong side of the cursor are not part of the page, but a parent whose page is
          // empty still needs its total: keep one of them per parent (__in = false) to carry it.
          sql`select ${o}.*${lists.select} from (select ${s}.*, coalesce(${cursor}, false) as __in, row_number() over (partition by ${s}.__parent, coalesce(${cursor}, false) order by ${order}) as __rn from ${from}) ${o} where (${o}.__in and ${o}.__rn <= ${limit + 1}) or (not ${o}.__in and ${o}.__rn = 1) order by ${o}.__parent, ${o}.__in, ${o}.__rn`
        : sql`select ${o}.*${lists.select} from (select ${s}.*, row_number() over (partition by ${s}.__parent order by ${order}) as __rn from ${from}${cursor ? sql` where ${cursor}` : EMPTY}) ${o} where ${o}.__rn <= ${limit + 1} order by ${o}.__parent, ${o}.__rn`;
    rows = await runSql(ctx, statement, (fields, connection) =>
      learnRowType(`${spec.table}|${columns.text}`, fields, connection),
    ).catch(refuseMistypedCursor(args));
  } else {
    const cursor = cursorOn(terms.map((t) => t.expr));
    const where = Sql.and([...filters, cursor]);
    const whereSql = where ? sql` where ${where}` : EMPTY;
    // Without a cursor every matching row is in the window: the page carries the total, no second statement.
    const windowTotal = options.withTotal && !cursor;
    const lists = foldLists(ctx, plan, PARENT_KEY);
    folded = lists.folded;
    rows = await runSql(
      ctx,
      sql`select ${columns}${windowTotal ? WINDOW_TOTAL : EMPTY}, '' as __parent${lists.select} from ${ident(spec.table)} ${ROOT}${joined}${folded.length ? LATERAL_KEY : EMPTY}${whereSql} order by ${orderSql(
        terms.map((t) => t.expr),
        terms,
        backward,
      )} limit ${limit + 1}`,
    ).catch(refuseMistypedCursor(args));
    if (options.withTotal && !windowTotal) {
      const countWhere = Sql.and(filters);
      const [count] = await runSql<{ total: number }>(
        ctx,
        sql`select count(*)::int as total from ${ident(spec.table)} ${ROOT}${countWhere ? sql` where ${countWhere}` : EMPTY}`,
      );
      totals.set('', count?.total ?? 0);
    }
  }
  const fetchedRows = rows.map((r) => fetched(spec, r));
  if (folded.length) for (const row of fetchedRows) primeLists(ctx, row, folded);
  const pages = buildPages(ctx, spec, plan, fetchedRows, q, args, totals);
  if (!options.parent && !pages.has('')) {
    pages.set('', emptyPage(totals.get('') ?? 0, args));
  }
  return pages;
}

/** A page being filled from fetched rows; cursors are encoded from the sort keys when first read. */
class ListPage<E extends object> implements Page<E> {
  /** The rows, which keep their sort keys (`__k0`, … or the columns they are) for their cursors. */
  readonly rows: Row<E>[] = [];
  hasNextPage = false;
  hasPreviousPage = false;
  private encoded?: string[];

  constructor(
    readonly total: number,
    private readonly signature: string,
    private readonly keyNames: string[],
  ) {}

  get cursors(): string[] {
    this.encoded ??= this.rows.map((row: Record<string, unknown>) =>
      encodeCursor(
        this.signature,
        this.keyNames.map((k) => row[k] ?? null),
      ),
    );
    return this.encoded;
  }
}

/** Shapes list rows (`__parent`, sort keys, `__total`, one extra row; typed and with their ids) into pages. */
export function buildPages<E extends object>(
  ctx: Context,
  spec: TableSpec<E>,
  plan: Plan,
  rows: Row<E>[],
  q: { limit: number; backward: boolean; signature: string; keyNames: string[] },
  args: ListArgs,
  totals?: Map<string, number>,
): Map<string, Page<E>> {
  const { limit, backward, signature, keyNames } = q;
  const pages = new Map<string, ListPage<E>>();
  for (const row of rows) {
    // The list statement's bookkeeping columns, beside the row keys.
    const r: Record<string, unknown> = row;
    const parent = r.__parent as string;
    let page = pages.get(parent);
    if (!page) {
      page = new ListPage(Number(r.__total ?? totals?.get(parent) ?? 0), signature, keyNames);
      pages.set(parent, page);
    }
    if (r.__in === false) continue;
    if (page.rows.length === limit) {
      if (backward) page.hasPreviousPage = true;
      else page.hasNextPage = true;
      continue;
    }
    // Sort keys and bookkeeping columns stay on the row: deleting properties would turn every row
    // into a slow dictionary-mode object. GraphQL reads fields by name and never sees them.
    primeJoins(ctx, spec, row, row, plan);
    page.rows.push(row);
  }
  for (const page of pages.values()) {
    if (backward) {
      page.rows.reverse();
      page.hasNextPage = !!args.before;
    } else {
      page.hasPreviousPage = !!args.after;
    }
  }
  return pages;
}

export const emptyPage = <E extends object = object>(total: number, args: ListArgs): Page<E> => ({
  rows: [],
  cursors: [],
  total,
  hasNextPage: !!args.before,
  hasPreviousPage: !!args.after,
});
