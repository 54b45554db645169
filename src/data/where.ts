import { badInput } from '../graphql/errors.js';
import { expectGlobalId, parseGlobalId } from '../graphql/ids.js';
import type { Viewer } from '../graphql/viewer.js';
import { scopeOn } from './select.js';
import { Alias, Aliases, escapeLike, FALSE, ident, ROOT, Sql, sql, TRUE } from './sql.js';
import type { FilterSpec, TableSpec } from './table.js';

/** Operators a field filter may carry; each filter input type declares the subset that fits its type. */
interface Operators {
  eq?: unknown;
  ne?: unknown;
  in?: unknown[];
  notIn?: unknown[];
  lt?: unknown;
  lte?: unknown;
  gt?: unknown;
  gte?: unknown;
  contains?: string;
  startsWith?: string;
  isNull?: boolean;
}

type WhereInput = Record<string, unknown> & { and?: WhereInput[]; or?: WhereInput[]; not?: WhereInput };

/** State of one compilation: the viewer (for row scopes of joined tables) and its subqueries' aliases. */
interface Compiler {
  viewer: Viewer;
  aliases: Aliases;
}

const present = (v: unknown) => v !== undefined && v !== null;
const negate = (positive: Sql) => sql`not coalesce(${positive}, false)`;

function valueOps(columns: Sql[], ops: Operators, path: string, mapValue: (v: unknown) => unknown): Sql[] {
  const out: Sql[] = [];
  const any = (build: (c: Sql) => Sql) => Sql.or(columns.map(build));
  const list = (values: unknown[]) => values.map(mapValue);
  for (const [op, value] of Object.entries(ops)) {
    if (!present(value)) continue;
    switch (op) {
      case 'eq':
        out.push(any((c) => sql`${c} = ${mapValue(value)}`));
        break;
      case 'ne':
        out.push(negate(any((c) => sql`${c} = ${mapValue(value)}`)));
        break;
      case 'in': {
        const values = value as unknown[];
        out.push(values.length === 0 ? FALSE : any((c) => sql`${c} = any(${list(values)})`));
        break;
      }
      case 'notIn': {
        const values = value as unknown[];
        out.push(values.length === 0 ? TRUE : negate(any((c) => sql`${c} = any(${list(values)})`)));
        break;
      }
      case 'lt':
        out.push(any((c) => sql`${c} < ${mapValue(value)}`));
        break;
      case 'lte':
        out.push(any((c) => sql`${c} <= ${mapValue(value)}`));
        break;
      case 'gt':
        out.push(any((c) => sql`${c} > ${mapValue(value)}`));
        break;
      case 'gte':
        out.push(any((c) => sql`${c} >= ${mapValue(value)}`));
        break;
      case 'contains':
        out.push(any((c) => sql`${c} ilike ${`%${escapeLike(String(value))}%`}`));
        break;
      case 'startsWith':
        out.push(any((c) => sql`${c} ilike ${`${escapeLike(String(value))}%`}`));
        break;
      case 'isNull':
        out.push(
          value
            ? Sql.and(columns.map((c) => sql`${c} is null`))!
            : Sql.or(columns.map((c) => sql`${c} is not null`)),
        );
        break;
      default:
        throw badInput(`unknown operator ${op}`, { field: path });
    }
  }
  return out;
}

function relationFilter(
  compiler: Compiler,
  spec: Extract<FilterSpec, { kind: 'many' }>,
  alias: Alias,
  input: { some?: WhereInput; none?: WhereInput; every?: WhereInput },
  path: string,
): Sql[] {
  const target = spec.target();
  const out: Sql[] = [];
  const subquery = (where: WhereInput | undefined, mode: 'some' | 'none' | 'every') => {
    const t = compiler.aliases.next('w');
    const condition = compile(compiler, target, t, where, `${path}.${mode}`);
    const matched = mode === 'every' ? (condition ? negate(condition) : FALSE) : condition;
    const scope = scopeOn(compiler.viewer, target.table, t);
    let from: Sql;
    let link: Sql;
    if (spec.via) {
      const l = compiler.aliases.next('w');
      from = sql`${ident(spec.via.table)} ${l} join ${ident(target.table)} ${t} on ${t.col('id')} = ${l.col(spec.via.other)}`;
      link = sql`${l.col(spec.via.self)} = ${alias.col('id')}`;
    } else {
      from = sql`${ident(target.table)} ${t}`;
      link = sql`${t.col(spec.fk!)} = ${alias.col('id')}`;
    }
    // One `and` of parenthesised parts: a condition that is an `or` (a name in either language) stays
    // within the row's relation.
    const inner = Sql.and([link, scope, matched])!;
    const exists = sql`exists (select 1 from ${from} where ${inner})`;
    return mode === 'some' ? exists : sql`not ${exists}`;
  };
  if (input.some) out.push(subquery(input.some, 'some'));
  if (input.none) out.push(subquery(input.none, 'none'));
  if (input.every) out.push(subquery(input.every, 'every'));
  return out;
}

function compile(
  compiler: Compiler,
  table: TableSpec,
  alias: Alias,
  where: WhereInput | null | undefined,
  path: string,
): Sql | null {
  if (!where) return null;
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (!present(value)) continue;
    const field = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      const children = (value as WhereInput[]).map(
        (w, i) => compile(compiler, table, alias, w, `${field}[${i}]`) ?? TRUE,
      );
      parts.push(key === 'and' ? (Sql.and(children) ?? TRUE) : Sql.or(children));
      continue;
    }
    if (key === 'not') {
      const child = compile(compiler, table, alias, value as WhereInput, field);
      if (child) parts.push(negate(child));
      continue;
    }
    const spec = table.filters[key];
    if (!spec) throw badInput(`${table.type} cannot be filtered by ${key}`, { field });
    switch (spec.kind) {
      case 'value':
        parts.push(
          ...valueOps(
            spec.columns.map((c) => alias.col(c)),
            value as Operators,
            field,
            (v) => v,
          ),
        );
        break;
      case 'id':
        parts.push(
          ...valueOps([alias.col(spec.column)], value as Operators, field, (v) =>
            expectGlobalId(String(v), spec.type, field),
          ),
        );
        break;
      case 'anyId':
        parts.push(
          ...valueOps([alias.col(spec.column)], value as Operators, field, (v) => {
            const parsed = parseGlobalId(String(v));
            if (!parsed) throw badInput(`"${String(v)}" is not a valid id`, { field });
            return parsed.uuid;
          }),
        );
        break;
      case 'one': {
        const target = spec.target();
        const t = compiler.aliases.next('w');
        const condition = compile(compiler, target, t, value as WhereInput, field);
        const inner = Sql.and([scopeOn(compiler.viewer, target.table, t), condition]);
        if (inner) {
          parts.push(
            sql`${alias.col(spec.column)} in (select ${t.col('id')} from ${ident(target.table)} ${t} where ${inner})`,
          );
        }
        break;
      }
      case 'many':
        parts.push(...relationFilter(compiler, spec, alias, value as Record<string, WhereInput>, field));
        break;
      case 'near': {
        const point = checkNear(value as NearInput, field);
        // A bounding box first (indexable), then the exact great-circle distance.
        const dLat = point.radiusKm / 111.32;
        const dLng = point.radiusKm / (111.32 * Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01));
        parts.push(
          sql`${alias.col('lat')} between ${point.lat - dLat} and ${point.lat + dLat} and ${alias.col('lng')} between ${point.lng - dLng} and ${point.lng + dLng} and ${distanceFrom(alias, point)} <= ${point.radiusKm}`,
        );
        break;
      }
    }
  }
  return Sql.and(parts);
}

export interface NearInput {
  lat: number;
  lng: number;
  radiusKm: number;
}

function checkNear(near: NearInput, field: string): NearInput {
  const ok =
    Math.abs(near.lat) <= 90 && Math.abs(near.lng) <= 180 && near.radiusKm > 0 && near.radiusKm <= 20000;
  if (!ok)
    throw badInput('near needs lat within ±90, lng within ±180 and radiusKm between 0 and 20000', { field });
  return { lat: Number(near.lat), lng: Number(near.lng), radiusKm: Number(near.radiusKm) };
}

/**
 * SQL for the great-circle distance in km from a point to the row's lat/lng (haversine), the point
 * as bound parameters: a statement's text is the same for every point, so PostgreSQL keeps one
 * prepared statement for it, not one per point.
 */
function distanceFrom(alias: Alias, point: { lat: number; lng: number }): Sql {
  const lat = sql`${point.lat}::float8`;
  const lng = sql`${point.lng}::float8`;
  const [aLat, aLng] = [alias.col('lat'), alias.col('lng')];
  return sql`(2 * 6371 * asin(sqrt(power(sin(radians(${aLat} - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(${aLat})) * power(sin(radians(${aLng} - ${lng}) / 2), 2))))`;
}

/** The distance for ordering by the `near` point of a list's `where`, on alias `t` (no point: refused). */
export function distanceOrder(where: Record<string, unknown> | undefined): Sql {
  const distance = nearDistance(where);
  if (!distance) throw badInput('orderBy DISTANCE needs a `near` point in where', { field: 'orderBy' });
  return distance;
}

/**
 * The great-circle distance in km from the `near` point of a `where` (its own, not one inside
 * `and`/`or`/`not` or a relation) to the row on alias `t`, as `distanceOrder` sorts by it: the
 * same text and parameters, so a statement that sorts by it and selects it can tell the two are
 * one. Null without a point; an absurd point is refused (BAD_USER_INPUT).
 */
export function nearDistance(where: unknown): Sql | null {
  const near = (where as Record<string, unknown> | null | undefined)?.near as NearInput | null | undefined;
  return near ? distanceFrom(ROOT, checkNear(near, 'where.near')) : null;
}

/**
 * Compiles a typed `where` input on `table` (aliased `alias`, `t` by default) to one parameterised
 * SQL condition; its subqueries' aliases (`w0`, `w1`, …) are generated.
 */
export function compileWhere(
  viewer: Viewer,
  table: TableSpec,
  alias: Alias | string,
  where: unknown,
): Sql | null {
  const on = typeof alias === 'string' ? (alias === ROOT.name ? ROOT : new Alias(alias)) : alias;
  return compile(
    { viewer, aliases: new Aliases() },
    table,
    on,
    where as WhereInput | null | undefined,
    'where',
  );
}
