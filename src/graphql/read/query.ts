import { createHash } from 'node:crypto';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { toGlobalId } from '../ids.js';
import { policy } from '../viewer.js';
import { FALSE, raw, Sql, snake, sql, uuidArray } from './sql.js';
import type { Row, TableSpec } from './table.js';
import { compileWhere } from './where.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type Direction = 'ASC' | 'DESC';

/** Arguments every list takes. */
export interface ListArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  where?: unknown;
  orderBy?: { field: string; direction?: Direction | null }[] | null;
}

/** One page of a list, before it is shaped into a GraphQL connection. */
export interface Page {
  rows: Row[];
  cursors: string[];
  total: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * How children hang off their parents: by a column of the child (`t.village_id`) or through a link
 * table (`join village_theme l on l.village_id = t.id`, parent `l.theme_id`).
 */
export interface ParentLink {
  /** SQL expression yielding the parent's key for a child row (alias `t` is the child table). */
  expr: string;
  /** Extra join text when the key lives in a link table. */
  join?: string;
  /** Extra condition on children, e.g. only active leases. */
  condition?: string;
}

/** Runs one statement through the request's connection pool, counting it. */
export async function runSql<T = Record<string, unknown>>(ctx: Context, query: Sql): Promise<T[]> {
  ctx.stats.statements++;
  const result = await ctx.knex.raw(query.text, query.params as never[]);
  return result.rows as T[];
}

const publicSelect = new WeakMap<TableSpec, string>();

/**
 * `t.id as pk, t.town_id as "townId", …`: the public columns of `spec`, then each private column
 * as the policy lets this viewer read it (masked in SQL, or not selected at all).
 */
function selectList(ctx: Context, spec: TableSpec): string {
  let text = publicSelect.get(spec);
  if (!text) {
    text = ['t.id as pk', ...spec.columns.map((k) => `t.${snake(k)} as "${k}"`)].join(', ');
    publicSelect.set(spec, text);
  }
  for (const key of spec.privateColumns ?? []) {
    const expr = policy.privateColumn(ctx.viewer, spec.table, 't', snake(key));
    if (expr) text += `, ${expr} as "${key}"`;
  }
  return text;
}

function finish(spec: TableSpec, row: Record<string, unknown>): Row {
  row.__typename = spec.type;
  row.id = toGlobalId(spec.type, row.pk as string);
  return row as Row;
}

/** `expr = $1` for one key (PostgreSQL plans it better), `expr = any($1::uuid[])` for a batch. */
export function keyCondition(ids: readonly string[], expr: string): Sql {
  return ids.length === 1
    ? sql`${raw(expr)} = ${ids[0]}`
    : sql`${raw(expr)} = any(${uuidArray(ids)}::uuid[])`;
}

function scopeOf(ctx: Context, spec: TableSpec, alias = 't'): Sql | null {
  const scope = policy.rowScope(ctx.viewer, spec.table, alias);
  return scope ? raw(scope) : null;
}

/**
 * Loads rows of `spec` by primary key in one statement per batch; rows the viewer may not see are
 * null. `relation` names the field asking (e.g. "Investment.investor"): each relation field has its
 * own loader, so the statements of an operation depend on its shape alone, not on which branch of
 * the query happens to reach the database first.
 */
export function findById(
  ctx: Context,
  spec: TableSpec,
  pk: string | null | undefined,
  relation: string,
): Promise<Row | null> {
  if (!pk) return Promise.resolve(null);
  return ctx.loaders
    .get<Row | null>(
      `byId:${spec.type}:${relation}`,
      async (ids) => {
        const where = Sql.and([keyCondition(ids, 't.id'), scopeOf(ctx, spec)])!;
        const rows = await runSql(
          ctx,
          sql`select ${raw(selectList(ctx, spec))} from ${raw(spec.table)} t where ${where}`,
        );
        return new Map(rows.map((r) => [r.pk as string, finish(spec, r)]));
      },
      null,
    )
    .load(pk);
}

/** Loads a row of `spec` by a unique text column (e.g. a region's code), batched like `findById`. */
export function findByUnique(
  ctx: Context,
  spec: TableSpec,
  column: string,
  value: string,
): Promise<Row | null> {
  return ctx.loaders
    .get<Row | null>(
      `byUnique:${spec.type}:${column}`,
      async (values) => {
        const where = Sql.and([sql`t.${raw(column)} = any(${values as string[]})`, scopeOf(ctx, spec)])!;
        const rows = await runSql(
          ctx,
          sql`select ${raw(selectList(ctx, spec))}, t.${raw(column)} as __key from ${raw(spec.table)} t where ${where}`,
        );
        return new Map(
          rows.map((r) => {
            const key = r.__key as string;
            delete r.__key;
            return [key, finish(spec, r)];
          }),
        );
      },
      null,
    )
    .load(value);
}

interface OrderTerm {
  expr: string;
  direction: Direction;
}

function orderTerms(ctx: Context, spec: TableSpec, orderBy: ListArgs['orderBy'], where?: unknown) {
  const requested = orderBy && orderBy.length > 0 ? orderBy : spec.defaultOrder;
  const terms: OrderTerm[] = requested.map(({ field, direction }) => {
    const order = spec.orders[field];
    if (!order) throw badInput(`${spec.type} lists cannot be ordered by ${field}`, { field: 'orderBy' });
    const column =
      typeof order === 'function' ? order(ctx.locale, where as Record<string, unknown> | undefined) : order;
    return { expr: column.startsWith('(') ? column : `t.${column}`, direction: direction ?? 'ASC' };
  });
  terms.push({ expr: 't.id', direction: terms.at(-1)?.direction ?? 'ASC' });
  const signature = createHash('sha1')
    .update(`${spec.type}|${terms.map((t) => `${t.expr}:${t.direction}`).join(',')}`)
    .digest('base64url')
    .slice(0, 8);
  return { terms, signature };
}

const flip = (d: Direction): Direction => (d === 'ASC' ? 'DESC' : 'ASC');
const orderSql = (exprs: string[], terms: OrderTerm[], reverse: boolean) =>
  exprs
    .map((e, i) => {
      const d = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
      return `${e} ${d} nulls ${d === 'ASC' ? 'last' : 'first'}`;
    })
    .join(', ');

function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
}

function decodeCursor(cursor: string, signature: string, size: number, arg: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== size + 1)
    throw badInput(`${arg} is not a valid cursor`, { field: arg });
  if (parsed[0] !== signature) {
    throw badInput(`${arg} was made for another list or ordering; start again without it`, { field: arg });
  }
  return parsed.slice(1);
}

/**
 * Rows strictly after `values` in the order of `exprs`/`terms` (nulls sort last ascending, first
 * descending). With `reverse`, strictly before.
 */
function keyset(exprs: string[], terms: OrderTerm[], values: unknown[], reverse: boolean): Sql {
  const branches: Sql[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const parts: Sql[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(values[j] === null ? raw(`${exprs[j]} is null`) : sql`${raw(exprs[j]!)} = ${values[j]}`);
    }
    const direction = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
    const e = exprs[i]!;
    const v = values[i];
    let after: Sql;
    if (direction === 'ASC') after = v === null ? FALSE : sql`(${raw(e)} > ${v} or ${raw(e)} is null)`;
    else after = v === null ? raw(`${e} is not null`) : sql`${raw(e)} < ${v}`;
    parts.push(after);
    branches.push(Sql.and(parts)!);
  }
  return Sql.or(branches);
}

function pageSize(args: ListArgs): { limit: number; backward: boolean } {
  if (args.first != null && args.last != null) {
    throw badInput('give either first or last, not both', { field: 'first' });
  }
  const n = args.last ?? args.first ?? DEFAULT_PAGE_SIZE;
  const field = args.last != null ? 'last' : 'first';
  if (!Number.isInteger(n) || n < 0) throw badInput(`${field} must be zero or more`, { field });
  if (n > MAX_PAGE_SIZE)
    throw badInput(`${field} must be at most ${MAX_PAGE_SIZE}, got ${n}`, { field, max: MAX_PAGE_SIZE });
  return { limit: n, backward: args.last != null };
}

const INTERNAL = ['__parent', '__total', '__rn', '__in'];

/**
 * Pages of a list for many parents in one statement (or of a top-level list when `parentIds` is
 * undefined): filter, keyset cursors in both directions, stable order ending with the id, and the
 * total when asked. This is the one pagination implementation of the API.
 */
export async function loadPages(
  ctx: Context,
  spec: TableSpec,
  args: ListArgs,
  options: { withTotal: boolean; parent?: ParentLink; parentIds?: readonly string[] },
): Promise<Map<string, Page>> {
  const { limit, backward } = pageSize(args);
  const { terms, signature } = orderTerms(ctx, spec, args.orderBy, args.where);
  const keyNames = terms.map((_, i) => `__k${i}`);
  const filters = [
    // Archived objects leave every list; they stay reachable by id and through to-one relations.
    spec.archivable === false ? null : raw('t.archived_at is null'),
    scopeOf(ctx, spec),
    compileWhere(ctx.viewer, spec, 't', args.where),
    options.parent?.condition ? raw(options.parent.condition) : null,
  ];
  const cursorOn = (exprs: string[]) =>
    Sql.and([
      args.after
        ? keyset(exprs, terms, decodeCursor(args.after, signature, terms.length, 'after'), false)
        : null,
      args.before
        ? keyset(exprs, terms, decodeCursor(args.before, signature, terms.length, 'before'), true)
        : null,
    ]);
  const keysSelect = terms.map((t, i) => `${t.expr} as ${keyNames[i]}`).join(', ');
  const columns = `${selectList(ctx, spec)}, ${keysSelect}`;

  let rows: Record<string, unknown>[];
  const totals = new Map<string, number>();
  if (options.parent && options.parentIds) {
    if (options.parentIds.length === 0) return new Map();
    const p = options.parent;
    const inner = Sql.and([keyCondition(options.parentIds, p.expr), ...filters])!;
    const total = options.withTotal ? `, count(*) over (partition by ${p.expr}) as __total` : '';
    const sKeys = keyNames.map((k) => `s.${k}`);
    const cursor = cursorOn(sKeys);
    const order = raw(orderSql(sKeys, terms, backward));
    const from = sql`(select ${raw(columns)}, ${raw(p.expr)} as __parent${raw(total)} from ${raw(spec.table)} t ${raw(p.join ?? '')} where ${inner}) s`;
    if (cursor && options.withTotal) {
      // Rows on the wrong side of the cursor are not part of the page, but a parent whose page is
      // empty still needs its total: keep one of them per parent (__in = false) to carry it.
      rows = await runSql(
        ctx,
        sql`select * from (select s.*, coalesce(${cursor}, false) as __in, row_number() over (partition by s.__parent, coalesce(${cursor}, false) order by ${order}) as __rn from ${from}) p where (p.__in and p.__rn <= ${limit + 1}) or (not p.__in and p.__rn = 1) order by p.__parent, p.__in, p.__rn`,
      );
    } else {
      rows = await runSql(
        ctx,
        sql`select * from (select s.*, row_number() over (partition by s.__parent order by ${order}) as __rn from ${from}${cursor ? sql` where ${cursor}` : raw('')}) p where p.__rn <= ${limit + 1} order by p.__parent, p.__rn`,
      );
    }
  } else {
    const where = Sql.and([...filters, cursorOn(terms.map((t) => t.expr))]);
    const whereSql = where ? sql` where ${where}` : raw('');
    rows = await runSql(
      ctx,
      sql`select ${raw(columns)}, '' as __parent from ${raw(spec.table)} t${whereSql} order by ${raw(
        orderSql(
          terms.map((t) => t.expr),
          terms,
          backward,
        ),
      )} limit ${limit + 1}`,
    );
    if (options.withTotal) {
      const countWhere = Sql.and(filters);
      const [count] = await runSql<{ total: number }>(
        ctx,
        sql`select count(*)::int as total from ${raw(spec.table)} t${countWhere ? sql` where ${countWhere}` : raw('')}`,
      );
      totals.set('', count?.total ?? 0);
    }
  }

  const pages = new Map<string, Page>();
  for (const r of rows) {
    const parent = r.__parent as string;
    let page = pages.get(parent);
    if (!page) {
      page = {
        rows: [],
        cursors: [],
        total: Number(r.__total ?? totals.get(parent) ?? 0),
        hasNextPage: false,
        hasPreviousPage: false,
      };
      pages.set(parent, page);
    }
    if (r.__in === false) continue;
    if (page.rows.length === limit) {
      if (backward) page.hasPreviousPage = true;
      else page.hasNextPage = true;
      continue;
    }
    page.cursors.push(
      encodeCursor(
        signature,
        keyNames.map((k) => r[k] ?? null),
      ),
    );
    for (const k of [...keyNames, ...INTERNAL]) delete r[k];
    page.rows.push(finish(spec, r));
  }
  for (const [parent, page] of pages) {
    if (backward) {
      page.rows.reverse();
      page.cursors.reverse();
      page.hasNextPage = !!args.before;
    } else {
      page.hasPreviousPage = !!args.after;
    }
    pages.set(parent, page);
  }
  if (!options.parent && !pages.has('')) {
    pages.set('', emptyPage(totals.get('') ?? 0, args));
  }
  return pages;
}

export const emptyPage = (total: number, args: ListArgs): Page => ({
  rows: [],
  cursors: [],
  total,
  hasNextPage: !!args.before,
  hasPreviousPage: !!args.after,
});
