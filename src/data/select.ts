import type { Context } from '../graphql/context.js';
import { toGlobalId } from '../graphql/ids.js';
import type { Viewer } from '../graphql/viewer.js';
import { policy } from '../graphql/viewer.js';
import { getOrMake } from '../lib/maps.js';
import { type Join, type Plan, planSignature } from './lookahead.js';
import { Alias, camel, EMPTY, ident, quoteIdent, ROOT, raw, Sql, sql } from './sql.js';
import type { Row, TableSpec } from './table.js';

/*
 * What a read selects and joins for a viewer: select lists (private columns as the policy lets the
 * viewer read them), computed fields, joined to-one relations and the rows made of them.
 */

const publicSelect = new WeakMap<TableSpec, Map<string, Sql>>();

/**
 * `t.id as pk, t.town_id as "townId", …`: the public columns of `spec` on `alias`, then each private
 * column as the policy lets this viewer read it (masked in SQL, or not selected at all). Output names
 * carry `prefix` (a joined relation's columns: "j0.pk", "j0.nameZh", …). The public part's text is
 * built once per table, alias, prefix and columns.
 */
export function selectList(
  ctx: Context,
  spec: TableSpec,
  alias: Alias = ROOT,
  prefix = '',
  columns?: readonly string[],
): Sql {
  const cached = getOrMake(publicSelect, spec, () => new Map<string, Sql>());
  const select = getOrMake(cached, `${alias.name}|${prefix}|${columns?.join(',') ?? '*'}`, () => {
    const wanted = columns ? spec.columns.filter((k) => columns.includes(k)) : spec.columns;
    return Sql.join(
      [
        sql`${alias.col('id')} as ${ident(`${prefix}pk`)}`,
        ...wanted.map((k) => sql`${alias.col(spec.columnOf[k]!)} as ${ident(`${prefix}${k}`)}`),
      ],
      ', ',
    );
  });
  const masked: Sql[] = [];
  for (const key of spec.privateColumns ?? []) {
    if (columns && !columns.includes(key)) continue;
    const expr = policy.privateColumn(ctx.viewer, spec.table, alias.name, spec.columnOf[key]!);
    if (expr) masked.push(sql`, ${raw(expr)} as ${ident(`${prefix}${key}`)}`);
  }
  return masked.length ? Sql.join([select, ...masked], '') : select;
}

/** Gives a row this API built (a joined relation, an item read along) its type name and global id. */
export function finish<E extends object>(spec: TableSpec<E>, row: Record<string, unknown>): Row<E> {
  row.__typename = spec.type;
  row.id = toGlobalId(spec.type, row.pk as string);
  // Its select list gave it the row keys of `spec` (see `selectList`): the one place a row gets its type.
  return row as Row<E>;
}

/**
 * A row as pg returned it, as a row of `spec` with its type name and global id. A new object: pg
 * builds rows as copies of one template object, and V8 gives every property added to such a copy a
 * hidden class of its own (measured: 3.4 µs a row instead of 0.3, and every property read of the
 * row in the resolvers turned megamorphic). `pk` carries the key; no select list has an `id` column.
 */
export function fetched<E extends object>(spec: TableSpec<E>, row: Record<string, unknown>): Row<E> {
  // As `finish`: the select list of `spec` made the row.
  return { __typename: spec.type, id: toGlobalId(spec.type, row.pk as string), ...row } as Row<E>;
}

const computedTexts = new WeakMap<Plan, Map<string, Sql>>();

/** Computed fields as `$name` columns (`prefix$name` on joined relations); a plan's text is built once. */
function computedColumns(spec: TableSpec, plan: Plan, alias: Alias, prefix: string): Sql {
  if (!plan.computed.length) return EMPTY;
  return getOrMake(
    getOrMake(computedTexts, plan, () => new Map<string, Sql>()),
    `${alias.name}|${prefix}`,
    () =>
      Sql.join(
        plan.computed.map((f) => {
          // An expression its table spec writes on the alias it is given: a fragment, or SQL text.
          const expr = spec.computed![f]!(alias.text);
          return sql`, ${typeof expr === 'string' ? raw(expr) : expr} as ${ident(`${prefix}$${f}`)}`;
        }),
        '',
      ),
  );
}

/** What a plan adds to the select list: computed fields, then the columns of joined relations. */
export function planColumns(
  ctx: Context,
  spec: TableSpec,
  plan: Plan,
  alias: Alias = ROOT,
  prefix = '',
): Sql {
  return Sql.join(
    [
      computedColumns(spec, plan, alias, prefix),
      ...plan.joins.map(
        (j) =>
          sql`, ${selectList(ctx, j.target, j.alias, `${j.alias.name}.`, j.plan.columns)}${planColumns(ctx, j.target, j.plan, j.alias, `${j.alias.name}.`)}`,
      ),
    ],
    '',
  );
}

/** LEFT JOINs of the relations on their primary key; rows the viewer may not see join as nulls. */
export function joinClauses(ctx: Context, plan: Plan, parent: Alias = ROOT): Sql {
  return Sql.join(
    plan.joins.map((j) => {
      const scope = scopeOn(ctx.viewer, j.target.table, j.alias);
      return sql` left join ${ident(j.target.table)} ${j.alias} on ${j.alias.col('id')} = ${parent.col(j.column)}${scope ? sql` and ${scope}` : EMPTY}${joinClauses(ctx, j.plan, j.alias)}`;
    }),
    '',
  );
}

const joinedKeyCache = new WeakMap<Join, [string, string][]>();

/** Each row key of a joined relation with its column name in the statement ("j0.nameZh"). */
function joinedKeys(j: Join): [string, string][] {
  return getOrMake(joinedKeyCache, j, () => {
    // A pruned read selects its plan's columns only (private ones when the policy lets it).
    const columns = j.plan.columns ?? [...j.target.columns, ...(j.target.privateColumns ?? [])];
    return ['pk', ...columns, ...j.plan.computed.map((f) => `$${f}`)].map((k) => [k, `${j.alias.name}.${k}`]);
  });
}

/**
 * Copies the columns of joined relations from a fetched row into rows of their own and hands each
 * to the loader its relation field reads (`findById(…, "Type.field")`), so resolving it costs no SQL.
 */
export function primeJoins(
  ctx: Context,
  spec: TableSpec,
  parent: Record<string, unknown>,
  flat: Record<string, unknown>,
  plan: Plan,
) {
  for (const j of plan.joins) {
    const row: Record<string, unknown> = {};
    for (const [key, column] of joinedKeys(j)) {
      if (column in flat) row[key] = flat[column];
    }
    const target = row.pk == null ? null : finish(j.target, row);
    if (target) primeJoins(ctx, j.target, target, flat, j.plan);
    const key = parent[j.key];
    // The relation's resolver (findById with its info) computes the same plan from the same
    // selection, so it finds the row here, without a statement or a promise. A selection that differs
    // (aliases of one relation asking different fields) plans differently and loads its own row.
    if (key != null) {
      const relation = `${spec.type}.${j.field}`;
      ctx.loaders.prime(byIdKey(j.target, relation, j.plan), key as string, target);
    }
  }
}

/** `expr = $1` for one key (PostgreSQL plans it better), `expr = any($1::uuid[])` for a batch. */
export function keyCondition(ids: readonly string[], expr: string | Sql): Sql {
  const e = typeof expr === 'string' ? raw(expr) : expr;
  return ids.length === 1 ? sql`${e} = ${ids[0]}` : sql`${e} = any(${ids}::uuid[])`;
}

/** The condition rows of `table` on `alias` meet for `viewer` to see them (null: every row). */
export function scopeOn(viewer: Viewer, table: string, alias: Alias): Sql | null {
  const scope = policy.rowScope(viewer, table, alias.name);
  return scope ? raw(scope) : null;
}

export function scopeOf(ctx: Context, spec: TableSpec, alias: Alias = ROOT): Sql | null {
  return scopeOn(ctx.viewer, spec.table, alias);
}

const byIdKeys = new WeakMap<Plan, WeakMap<TableSpec, Map<string, string>>>();

/** The loader key of rows of `spec` read for `relation` with `plan` (built once: it is looked up per row). */
export function byIdKey(spec: TableSpec, relation: string, plan: Plan): string {
  const bySpec = getOrMake(byIdKeys, plan, () => new WeakMap());
  const byRelation = getOrMake(bySpec, spec, () => new Map<string, string>());
  return getOrMake(byRelation, relation, () => `byId:${spec.type}:${relation}:${planSignature(plan)}`);
}

/**
 * What `make` builds for this viewer from `plan`. For anonymous callers the SQL depends on the plan
 * and `variant` only: it is built once and kept, as soon as `make` reads every nested list along.
 */
export function forViewer<T extends { complete: boolean }>(
  cache: WeakMap<Plan, Map<string, T>>,
  ctx: Context,
  plan: Plan,
  variant: string,
  make: () => T,
): T {
  if (ctx.viewer.kind !== 'anonymous') return make();
  const cached = cache.get(plan)?.get(variant);
  if (cached) return cached;
  const made = make();
  if (made.complete) getOrMake(cache, plan, () => new Map<string, T>()).set(variant, made);
  return made;
}

/**
 * The row key under which the select list of `spec` read with `plan` carries `expr` (`t.id` as
 * `pk`, `t.address` as `address`), if it does: private columns are not, as they may be masked.
 */
export function selectedAs(spec: TableSpec, plan: Plan, { text: expr, params }: Sql): string | undefined {
  if (params.length) return undefined;
  const root = `${ROOT.text}.`;
  if (expr === `${root}id`) return 'pk';
  if (!expr.startsWith(root)) return undefined;
  const column = expr.slice(root.length);
  const key = camel(column);
  if (!spec.columns.includes(key) || quoteIdent(spec.columnOf[key] ?? '') !== column) return undefined;
  return !plan.columns || plan.columns.includes(key) ? key : undefined;
}
