import type { Context } from '../graphql/context.js';
import { badInput } from '../graphql/errors.js';
import { policy, type Viewer } from '../graphql/viewer.js';
import { groupCursors, keyset, type OrderTerm, orderSql, refuseMistypedCursor } from './cursors.js';
import { findById, MAX_PAGE_SIZE, runSql } from './query.js';
import { raw, Sql, sql, upperSnake } from './sql.js';
import type { Direction, Row, TableSpec } from './table.js';
import { compileWhere } from './where.js';

/** A dimension a list can be grouped by: a value, or a to-one relation shown as its object. */
export interface GroupDim {
  /** Key in the result's `key` object. */
  key: string;
  /** SQL on alias `t`. */
  expr: string;
  /** For relations: the related table (its rows are loaded for the key). */
  ref?: () => TableSpec;
}

/** How a list is aggregated: its group dimensions (by enum value) and numeric measures (field → column). */
export interface AggregateSpec {
  groups: Record<string, GroupDim>;
  measures: Record<string, string>;
}

/** A grouped row: its keys (`k0`, …), count, figures and sort keys, by name. */
type GroupRow = Record<string, string | number | boolean | null>;

export interface GroupArgs {
  where?: unknown;
  groupBy: string[];
  /** COUNT, KEYS or a measure (e.g. AMOUNT): by its sum, largest first. */
  orderBy?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * The SQL of a dimension's key. A relation to rows the caller may not see (a hidden talent) gives
 * null: all of them fall into the one null-key group ("none, or not public"), never one group per
 * hidden object with its own figures.
 */
function keyExpr(viewer: Viewer, dim: GroupDim): string {
  const target = dim.ref?.();
  const scope = target && policy.rowScope(viewer, target.table, 'g');
  if (!scope) return dim.expr;
  return `(case when exists (select 1 from ${target.table} g where g.id = ${dim.expr} and ${scope}) then ${dim.expr} end)`;
}

/**
 * The statement of grouped figures: count and sum/avg/min/max of each measure per combination of
 * the chosen dimensions, with the list's `where` and the viewer's row scope. The groups are paged
 * like lists (cursors.ts): the grouped rows, as a subquery `g`, in a stable order (the count or a
 * measure's sum first when asked, then the keys, unique among the groups), the rows after the
 * keyset cursor `after` and one more than the page. Refuses (BAD_USER_INPUT) a page size out of
 * bounds, no dimension or an unknown one, an unknown order and a cursor not made for this grouping.
 */
export function groupsQuery(viewer: Viewer, table: TableSpec, spec: AggregateSpec, args: GroupArgs) {
  const first = args.first ?? 20;
  if (first < 1 || first > MAX_PAGE_SIZE)
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  if (!args.groupBy.length) throw badInput('groupBy needs at least one dimension', { field: 'groupBy' });
  const groupBy = [...new Set(args.groupBy)];
  const dims = groupBy.map((g) => {
    const dim = spec.groups[g];
    if (!dim) throw badInput(`cannot group by ${g}`, { field: 'groupBy' });
    return dim;
  });
  const scope = policy.rowScope(viewer, table.table, 't');
  const where = Sql.and([
    table.archivable ? raw('t.archived_at is null') : null,
    scope ? raw(scope) : null,
    compileWhere(viewer, table, 't', args.where),
  ]);
  const keys = dims.map((d, i) => `${keyExpr(viewer, d)} as k${i}`).join(', ');
  const measures = Object.entries(spec.measures)
    .map(
      ([m, col]) =>
        `, sum(t.${col})::text as "${m}_sum", avg(t.${col})::numeric(20,2)::text as "${m}_avg", min(t.${col})::text as "${m}_min", max(t.${col})::text as "${m}_max"`,
    )
    .join('');
  // The sort keys of a group, by name in `g`: what the order leads with, then the keys.
  const by = args.orderBy ?? 'KEYS';
  const sortKeys: { name: string; direction: Direction }[] = dims.map((_, i) => ({
    name: `k${i}`,
    direction: 'ASC',
  }));
  let lead = '';
  if (by === 'COUNT') sortKeys.unshift({ name: 'count', direction: 'DESC' });
  else if (by !== 'KEYS') {
    const measure = Object.keys(spec.measures).find((m) => upperSnake(m) === by);
    if (!measure) throw badInput(`cannot order groups by ${by}`, { field: 'orderBy' });
    // Largest sum first and groups without one last: the negated sum ascending (nulls last).
    lead = `, -sum(t.${spec.measures[measure]}) as __by`;
    sortKeys.unshift({ name: '__by', direction: 'ASC' });
  }
  const exprs = sortKeys.map((k) => raw(`g.${k.name}`));
  const terms: OrderTerm[] = sortKeys.map((k, i) => ({ expr: exprs[i]!, direction: k.direction }));
  const cursors = groupCursors(`groups|${table.type}|${groupBy.join(',')}|${by}`);
  const after = args.after ? keyset(exprs, terms, cursors.decode(args.after, terms.length), false) : null;
  const statement = sql`select g.* from (select ${raw(keys)}, count(*)::int as count${raw(measures + lead)}, count(*) over ()::int as __groups
      from ${raw(table.table)} t${where ? sql` where ${where}` : raw('')}
      group by ${raw(dims.map((_, i) => `${i + 1}`).join(', '))}) g${after ? sql` where ${after}` : raw('')}
      order by ${orderSql(exprs, terms, false)} limit ${first + 1}`;
  return {
    statement,
    dims,
    first,
    cursor: (row: GroupRow) => cursors.encode(sortKeys.map((k) => row[k.name])),
  };
}

/**
 * Grouped figures of a list in one SQL statement (see `groupsQuery`), paged (`totalCount` = number
 * of groups). Related objects of the keys load in one batch per relation.
 */
export async function groupedFigures(ctx: Context, table: TableSpec, spec: AggregateSpec, args: GroupArgs) {
  const { statement, dims, first, cursor } = groupsQuery(ctx.viewer, table, spec, args);
  const rows = await runSql<GroupRow>(ctx, statement).catch(refuseMistypedCursor({ after: args.after }));
  const page = rows.slice(0, first);
  const nodes = await Promise.all(
    page.map(async (r) => {
      const key: Record<string, unknown> = {};
      await Promise.all(
        dims.map(async (d, j) => {
          const value = r[`k${j}`];
          key[d.key] = d.ref
            ? ((await findById(ctx, d.ref(), value as string, `groups:${d.key}`)) as Row | null)
            : value;
        }),
      );
      const figures: Record<string, unknown> = {};
      for (const m of Object.keys(spec.measures)) {
        figures[m] = { sum: r[`${m}_sum`], avg: r[`${m}_avg`], min: r[`${m}_min`], max: r[`${m}_max`] };
      }
      return { cursor: cursor(r), key, count: r.count, ...figures };
    }),
  );
  return {
    nodes,
    totalCount: (rows[0]?.__groups as number | undefined) ?? 0,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: !!args.after,
      startCursor: nodes[0]?.cursor ?? null,
      endCursor: nodes.at(-1)?.cursor ?? null,
    },
  };
}
