import type { Context } from '../graphql/context.js';
import { toGlobalId } from '../graphql/ids.js';
import { policy } from '../graphql/viewer.js';
import { getOrMake } from '../lib/maps.js';
import { type Join, type Plan, planSignature } from './lookahead.js';
import { camel, raw, Sql, sql } from './sql.js';
import type { Row, TableSpec } from './table.js';

/*
 * What a read selects and joins for a viewer: select lists (private columns as the policy lets the
 * viewer read them), computed fields, joined to-one relations and the rows made of them.
 */

const publicSelect = new WeakMap<TableSpec, Map<string, string>>();

/**
 * `t.id as pk, t.town_id as "townId", …`: the public columns of `spec` on `alias`, then each private
 * column as the policy lets this viewer read it (masked in SQL, or not selected at all). Output names
 * carry `prefix` (a joined relation's columns: "j0.pk", "j0.nameZh", …).
 */
export function selectList(
  ctx: Context,
  spec: TableSpec,
  alias = 't',
  prefix = '',
  columns?: readonly string[],
): string {
  const cached = getOrMake(publicSelect, spec, () => new Map<string, string>());
  let text = getOrMake(cached, `${alias}|${prefix}|${columns?.join(',') ?? '*'}`, () => {
    const wanted = columns ? spec.columns.filter((k) => columns.includes(k)) : spec.columns;
    return [
      `${alias}.id as "${prefix}pk"`,
      ...wanted.map((k) => `${alias}.${spec.columnOf[k]} as "${prefix}${k}"`),
    ].join(', ');
  });
  for (const key of spec.privateColumns ?? []) {
    if (columns && !columns.includes(key)) continue;
    const expr = policy.privateColumn(ctx.viewer, spec.table, alias, spec.columnOf[key]!);
    if (expr) text += `, ${expr} as "${prefix}${key}"`;
  }
  return text;
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

const computedTexts = new WeakMap<Plan, Map<string, string>>();

/** Computed fields as `$name` columns (`prefix$name` on joined relations); a plan's text is built once. */
function computedColumns(spec: TableSpec, plan: Plan, alias: string, prefix: string): string {
  if (!plan.computed.length) return '';
  return getOrMake(
    getOrMake(computedTexts, plan, () => new Map<string, string>()),
    `${alias}|${prefix}`,
    () => plan.computed.map((f) => `, ${spec.computed![f]!(alias)} as "${prefix}$${f}"`).join(''),
  );
}

/** What a plan adds to the select list: computed fields, then the columns of joined relations. */
export function planColumns(ctx: Context, spec: TableSpec, plan: Plan, alias = 't', prefix = ''): string {
  return (
    computedColumns(spec, plan, alias, prefix) +
    plan.joins
      .map(
        (j) =>
          `, ${selectList(ctx, j.target, j.alias, `${j.alias}.`, j.plan.columns)}${planColumns(ctx, j.target, j.plan, j.alias, `${j.alias}.`)}`,
      )
      .join('')
  );
}

/** LEFT JOINs of the relations on their primary key; rows the viewer may not see join as nulls. */
export function joinClauses(ctx: Context, plan: Plan, parent = 't'): string {
  return plan.joins
    .map((j) => {
      const scope = policy.rowScope(ctx.viewer, j.target.table, j.alias);
      return ` left join ${j.target.table} ${j.alias} on ${j.alias}.id = ${parent}.${j.column}${scope ? ` and ${scope}` : ''}${joinClauses(ctx, j.plan, j.alias)}`;
    })
    .join('');
}

const joinedKeyCache = new WeakMap<Join, [string, string][]>();

/** Each row key of a joined relation with its column name in the statement ("j0.nameZh"). */
function joinedKeys(j: Join): [string, string][] {
  return getOrMake(joinedKeyCache, j, () => {
    // A pruned read selects its plan's columns only (private ones when the policy lets it).
    const columns = j.plan.columns ?? [...j.target.columns, ...(j.target.privateColumns ?? [])];
    return ['pk', ...columns, ...j.plan.computed.map((f) => `$${f}`)].map((k) => [k, `${j.alias}.${k}`]);
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
export function keyCondition(ids: readonly string[], expr: string): Sql {
  return ids.length === 1 ? sql`${raw(expr)} = ${ids[0]}` : sql`${raw(expr)} = any(${ids}::uuid[])`;
}

export function scopeOf(ctx: Context, spec: TableSpec, alias = 't'): Sql | null {
  const scope = policy.rowScope(ctx.viewer, spec.table, alias);
  return scope ? raw(scope) : null;
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
 * "pk", `t.address` as "address"), if it does: private columns are not, as they may be masked.
 */
export function selectedAs(spec: TableSpec, plan: Plan, { text: expr, params }: Sql): string | undefined {
  if (params.length) return undefined;
  if (expr === 't.id') return 'pk';
  if (!expr.startsWith('t.')) return undefined;
  const key = camel(expr.slice(2));
  if (!spec.columns.includes(key) || spec.columnOf[key] !== expr.slice(2)) return undefined;
  return !plan.columns || plan.columns.includes(key) ? key : undefined;
}
