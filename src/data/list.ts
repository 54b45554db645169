import type { Context } from '../graphql/context.js';
import { badInput } from '../graphql/errors.js';
import { policy } from '../graphql/viewer.js';
import { orderTerms } from './cursors.js';
import { type Plan, planSignature } from './lookahead.js';
import { joinClauses, planColumns, scopeOf, selectedAs, selectList } from './select.js';
import { EMPTY, ident, ROOT, raw, Sql, sql } from './sql.js';
import type { ListArgs, ParentLink, TableSpec } from './table.js';
import { compileWhere, nearDistance } from './where.js';

/* What a list statement reads: page size, order, filters and select list, for given arguments. */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(args: ListArgs): { limit: number; backward: boolean } {
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

/**
 * What a list statement selects and how it filters and orders, for given arguments and plan. With
 * `underScopedParent` (a list read along with its parent row, which the same statement reads with
 * this viewer's scope), a scope the parent's visibility implies is left out.
 */
export function listQuery(
  ctx: Context,
  spec: TableSpec,
  args: ListArgs,
  plan: Plan,
  parent?: ParentLink,
  underScopedParent = false,
) {
  const { limit, backward } = pageSize(args);
  const { terms, signature } = orderTerms(ctx.locale, spec, args.orderBy, args.where);
  // The distance from the list's `near` point, for its edges' `distanceKm`: a column of its own.
  const distance = nearDistance(args.where);
  // A sort key that is a selected column is read from it (the distance too); others come as columns of their own.
  const keyNames = terms.map(
    (t, i) =>
      selectedAs(spec, plan, t.expr) ?? (distance && sameSql(t.expr, distance) ? DISTANCE_KEY : `__k${i}`),
  );
  const filters = [
    // Archived objects leave every list; they stay reachable by id and through to-one relations.
    spec.archivable ? sql`${ROOT.col('archived_at')} is null` : null,
    underScopedParent && parent && !parent.join && policy.scopeFollowsParent(spec.table, parent.expr)
      ? null
      : scopeOf(ctx, spec),
    compileWhere(ctx.viewer, spec, ROOT, args.where),
    parent?.condition ? raw(parent.condition) : null,
  ];
  const keysSelect = Sql.join(
    terms.flatMap((t, i) =>
      keyNames[i]!.startsWith('__k') ? [sql`, ${t.expr} as ${ident(keyNames[i]!)}`] : [],
    ),
    '',
  );
  // The same text for every `near` point of a distance order: its row type and statements are shared.
  const distanceSelect = distance ? sql`, ${distance} as ${ident(DISTANCE_KEY)}` : EMPTY;
  const columns = sql`${selectList(ctx, spec, ROOT, '', plan.columns)}${planColumns(ctx, spec, plan)}${keysSelect}${distanceSelect}`;
  return { limit, backward, terms, signature, keyNames, filters, columns, joined: joinClauses(ctx, plan) };
}

/**
 * The row key carrying the great-circle distance in km from the `near` point of a list's `where`
 * (see `nearDistance`), in every statement of such a list: a connection's edge reads it as
 * `distanceKm`. A sort by DISTANCE reads the same column.
 */
export const DISTANCE_KEY = '__distance';

const sameSql = (a: Sql, b: Sql) =>
  a.text === b.text && a.params.length === b.params.length && a.params.every((p, i) => p === b.params[i]);

/** The column carrying the number of rows of a list statement without a cursor (all of them are in its window). */
export const WINDOW_TOTAL = raw(', count(*) over () as __total');

/** The loader key of a nested list: one per relation field, arguments and plan of its items. */
export const childListKey = (
  spec: TableSpec,
  relation: string,
  link: ParentLink,
  withTotal: boolean,
  args: ListArgs,
  plan: Plan,
) =>
  `children:${spec.type}:${relation}:${link.expr}:${link.condition ?? ''}:${withTotal}:${JSON.stringify([args.first, args.after, args.last, args.before, args.where, args.orderBy])}:${planSignature(plan)}`;
