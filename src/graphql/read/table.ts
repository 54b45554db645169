import type { Locale } from '../locale.js';
import type { Sql } from './sql.js';

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

/** How a field of a `where` input is compiled to SQL. */
export type FilterSpec =
  /** Scalar operators on one or more columns (several: a match on any, e.g. Chinese or English name). */
  | { kind: 'value'; columns: string[] }
  /** Operators on a column holding the key of an object of `type`, compared by global id. */
  | { kind: 'id'; column: string; type: string }
  /** Operators on a column holding the key of an object of any type, compared by global id. */
  | { kind: 'anyId'; column: string }
  /** A to-one relation: the target row must match the nested `where`. */
  | { kind: 'one'; column: string; target: () => TableSpec }
  /** Within `radiusKm` of a point, on the table's lat/lng columns (great-circle distance, no PostGIS). */
  | { kind: 'near' }
  /** A to-many relation (`some`/`none`/`every`): target rows point here by `fk`, or through a link table. */
  | {
      kind: 'many';
      target: () => TableSpec;
      fk?: string;
      via?: { table: string; self: string; other: string };
    };

/**
 * A sort field: a column, a parenthesised expression on alias `t`, or one chosen by the request
 * (its locale, or the list's `where`, e.g. the distance from its `near` point).
 */
export type OrderSpec =
  | string
  | ((locale: Locale, where: Record<string, unknown> | undefined) => string | Sql);

/**
 * The read-side description of one table: which columns become row keys, how `where` fields and
 * `orderBy` fields map to SQL. Rows come back as plain objects with camelCase keys, `pk` (the UUID),
 * `id` (the global id) and `__typename`; no entity is hydrated.
 */
export interface TableSpec {
  /** SQL table name. */
  table: string;
  /** GraphQL object type name; also the type part of global ids. */
  type: string;
  /** Row keys (camelCase) of public columns; `id` is implied. */
  columns: string[];
  /** Row keys of private columns, selected only when the policy allows. */
  privateColumns?: string[];
  filters: Record<string, FilterSpec>;
  orders: Record<string, OrderSpec>;
  /** Rows can be archived (an `archived_at` column); archived rows leave lists. Default true. */
  archivable?: boolean;
  /**
   * Computed fields read with the rows when the query selects them: the SQL expression (a scalar
   * subquery on `alias`) per GraphQL field. The row carries the value as `$field`; its resolver uses
   * it, or loads it in a batch when the row came another way (see `computedOr`).
   */
  computed?: Record<string, (alias: string) => string>;
  /**
   * Row keys a field with a resolver of its own reads (e.g. `location: ['lat', 'lng']`, a nested
   * list: `[]`, it reads the key only). Reads select only the columns the selected fields need; a
   * selected resolver field not declared here (and not a relation or computed field) makes the read
   * select every column. `name`, `description` and `location` are known for every table.
   */
  fieldColumns?: Record<string, string[]>;
  /** Order used when the caller gives none (the id is always appended). */
  defaultOrder: { field: string; direction: 'ASC' | 'DESC' }[];
}

/** Declares a table spec (identity; gives type checking and one place to grep). */
export const defineTable = (spec: TableSpec): TableSpec => spec;

/** A row as the read layer returns it. */
export interface Row {
  __typename: string;
  /** Global id. */
  id: string;
  /** Primary key (UUID). */
  pk: string;
  [key: string]: unknown;
}

/** The value of computed field `field` read with `row`, or else `load()` (a batched load). */
export function computedOr<T>(
  row: Row,
  field: string,
  read: (value: unknown) => T,
  load: () => Promise<T>,
): Promise<T> {
  const key = `$${field}`;
  return key in row ? Promise.resolve(read(row[key])) : load();
}
