import {
  type EntityMetadata,
  type EntityProperty,
  type HiddenProps,
  type MetadataStorage,
  ReferenceKind,
} from '@mikro-orm/core';
import { Locale } from '../graphql/locale.js';
import { Alias, camel, ident, ROOT, type Sql } from './sql.js';

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
 * table (`join village_theme l on l.village_id = t.id`, parent `l.theme_id`). Made from a relation
 * of the entities by `listedBy` or `targetsOf`.
 */
export interface ParentLink {
  /** SQL expression yielding the parent's key for a child row (alias `t` is the child table). */
  expr: string;
  /** Extra join text when the key lives in a link table. */
  join?: string;
  /** Extra condition on children, e.g. only active leases. */
  condition?: string;
}

/** A relation of a table's entity, as the read engine follows it (derived from the ORM's metadata). */
export type Relation =
  /** To one object: the table's column holding its key (`town_id`), the row key of that column (`townId`). */
  | { kind: 'one'; column: string; key: string; target: () => TableSpec }
  /** To many objects: they point here by their column `fk`, or are linked through the table `via`. */
  | {
      kind: 'many';
      target: () => TableSpec;
      fk?: string;
      via?: { table: string; self: string; other: string };
    };

/** How a field of a `where` input is compiled to SQL (derived from its `FilterDef`). */
export type FilterSpec =
  /** Scalar operators on one or more columns (several: a match on any, e.g. Chinese or English name). */
  | { kind: 'value'; columns: string[] }
  /** Operators on a column holding the key of an object of `type`, compared by global id. */
  | { kind: 'id'; column: string; type: string }
  /** Operators on a column holding the key of an object of any type, compared by global id. */
  | { kind: 'anyId'; column: string }
  /** Within `radiusKm` of a point, on the table's lat/lng columns (great-circle distance, no PostGIS). */
  | { kind: 'near' }
  /** A to-one relation (the target row must match the nested `where`) or a to-many one (`some`/`none`/`every`). */
  | Relation;

/**
 * A field of a `where` input, by the entity properties it reads; the columns, the relation's key
 * column, its target table and its link table are the entity's.
 */
export type FilterDef =
  /**
   * The property of the filter's name: value operators on a scalar, a nested `where` on a to-one
   * relation, `some`/`none`/`every` on a to-many relation.
   */
  | true
  /** Another property, filtered as `true` filters its own (e.g. `attributedTo` on `attributedTalent`). */
  | { prop: string }
  /** Value operators on several scalar properties: a match on any (a name in Chinese or English). */
  | { props: string[] }
  /** Operators on the primary key, compared by global id. */
  | 'id'
  /** Operators on a property holding the key of an object of any type, compared by global id. */
  | { anyId: string }
  /** Within `radiusKm` of a point, on the `lat`/`lng` properties. */
  | 'near';

/** A bilingual name, filtered on both languages. */
export const NAME_FILTER: FilterDef = { props: ['nameZh', 'nameEn'] };

/**
 * A sort field: a column, a parenthesised expression on alias `t`, or one chosen by the request
 * (its locale, or the list's `where`, e.g. the distance from its `near` point).
 */
export type OrderSpec =
  | string
  | ((locale: Locale, where: Record<string, unknown> | undefined) => string | Sql);

/**
 * A sort field as declared: a property, a parenthesised SQL expression on alias `t`, a property per
 * language, or an expression the request chooses (see `OrderSpec`).
 */
export type OrderDef = string | { zh: string; en: string } | Exclude<OrderSpec, string>;

/** A bilingual name, sorted in the request's language. */
export const NAME_ORDER: OrderDef = { zh: 'nameZh', en: 'nameEn' };

/** An entity class of the ORM (`Village`), whose instances are `E`. */
export type EntityClass<E extends object = object> = abstract new (...args: never[]) => E;

/**
 * The declaration of a table spec: what the entity does not say. Its table, columns, column names
 * and relations are derived from the entity's ORM metadata (`buildRegistry`).
 */
export interface TableDef<E extends object = object> {
  entity: EntityClass<E>;
  /** GraphQL object type name; also the type part of global ids. Default: the entity's class name. */
  type?: string;
  /** Properties (row keys) selected only when the policy allows; the policy says to whom. */
  privateColumns?: string[];
  /** The fields of the type's `where` input. */
  filters: Record<string, FilterDef>;
  /** The fields of the type's `orderBy` input. */
  orders: Record<string, OrderDef>;
  /** See `TableSpec.computed`. */
  computed?: Record<string, (alias: string) => string | Sql>;
  /**
   * Row keys a field with a resolver of its own reads (e.g. `location: ['lat', 'lng']`, a list of
   * the row's children: `[]`, it reads the key only). Every field with a resolver is declared here,
   * or is a to-one relation filter, a computed field, a list read along (`readAlong`), or a
   * field every table knows (`name`, `description`, `location`): the API refuses to start otherwise.
   */
  fieldColumns?: Record<string, string[]>;
  /** Order used when the caller gives none (the id is always appended). */
  defaultOrder: { field: string; direction: Direction }[];
}

/**
 * The read-side description of one table: which columns become row keys, how `where` fields and
 * `orderBy` fields map to SQL. Rows come back as plain objects with camelCase keys, `pk` (the UUID),
 * `id` (the global id) and `__typename`; no entity is hydrated. Declared by `defineTable`; the parts
 * the entity says are filled in by `buildRegistry` at start-up (reading them before throws). Its
 * rows are `Row<E>`.
 */
export interface TableSpec<E extends object = object> {
  /** The ORM entity of the table. */
  entity: EntityClass<E>;
  /** SQL table name. */
  table: string;
  /** GraphQL object type name; also the type part of global ids. */
  type: string;
  /** Row keys (camelCase) of public columns; `id` is implied. */
  columns: string[];
  /** Row keys of private columns, selected only when the policy allows. */
  privateColumns?: string[];
  /** The column name of each row key (public and private). */
  columnOf: Readonly<Record<string, string>>;
  /** The relations of the entity, by property. */
  relations: Readonly<Record<string, Relation>>;
  filters: Record<string, FilterSpec>;
  orders: Record<string, OrderSpec>;
  /** Rows can be archived (an `archivedAt` property); archived rows leave lists. */
  archivable: boolean;
  /**
   * Computed fields read with the rows when the query selects them: the SQL expression (a scalar
   * subquery on `alias`, as text or a fragment: `sql` with `ident`) per GraphQL field. The row carries the value as `$field`; its resolver uses
   * it, or loads it in a batch when the row came another way (see `computedOr`).
   */
  computed?: Record<string, (alias: string) => string | Sql>;
  /** See `TableDef.fieldColumns`. */
  fieldColumns?: Record<string, string[]>;
  /** Order used when the caller gives none (the id is always appended). */
  defaultOrder: { field: string; direction: Direction }[];
}

/** The parts of a table spec derived from the entity. */
type Derived = Pick<
  TableSpec,
  'table' | 'columns' | 'privateColumns' | 'columnOf' | 'relations' | 'filters' | 'orders' | 'archivable'
>;
const DERIVED: (keyof Derived)[] = [
  'table',
  'columns',
  'privateColumns',
  'columnOf',
  'relations',
  'filters',
  'orders',
  'archivable',
];

/**
 * Properties of every entity the API never shows: the primary key is the row's `pk`; timestamps
 * and the archive mark are bookkeeping (archived rows leave lists by `archivable`).
 */
const UNREAD = new Set(['createdAt', 'updatedAt', 'archivedAt']);

/** What a table spec was declared with, and the links made from its relations (filled in with it). */
interface Declaration {
  def: TableDef;
  links: { link: ParentLink; make: () => ParentLink }[];
}
const declarations = new WeakMap<TableSpec, Declaration>();

function declarationOf(spec: TableSpec): Declaration {
  const declaration = declarations.get(spec);
  if (!declaration) throw new Error(`table spec ${spec.type} is not made by defineTable`);
  return declaration;
}

/**
 * Defines `keys` of `target` as properties that throw until `fill` gives their values: a table spec
 * or link read before the registry derived it (`buildRegistry`) says so instead of reading `undefined`.
 */
function deferred<T extends object>(target: T, keys: readonly string[], what: string): T {
  for (const key of keys) {
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: true,
      get() {
        throw new Error(
          `${what}.${key} is read before buildRegistry(modules, orm.getMetadata()) derived its table`,
        );
      },
    });
  }
  return target;
}

function fill<T extends object>(target: T, values: Partial<T>) {
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(target, key, { configurable: true, enumerable: true, writable: true, value });
  }
}

/**
 * Declares the table spec of an entity. The spec is usable (its identity as a key, `type`) at once;
 * what the entity says is filled in when a registry is built from the modules that list it
 * (`buildRegistry`). Declaring registers nothing: a module lists its tables in its declaration.
 */
export function defineTable<E extends object>(def: TableDef<E>): TableSpec<E> {
  const spec = {
    entity: def.entity,
    type: def.type ?? def.entity.name,
    computed: def.computed,
    fieldColumns: def.fieldColumns,
    defaultOrder: def.defaultOrder,
  } as TableSpec<E>;
  deferred(spec, DERIVED, spec.type);
  declarations.set(spec, { def, links: [] });
  return spec;
}

/**
 * Fills in `specs` (and every link made from their relations by `listedBy`/`targetsOf`) from the
 * ORM's entity metadata: table names, columns and their names, relations, filters and orders by
 * property; a relation leads to the spec of its entity among `specs`. Returns the specs by entity.
 * Throws naming the table and the property when a declaration names something its entity does not
 * have, or when two specs share an entity. Run by `buildRegistry` at start-up.
 */
export function deriveTables(
  specs: Iterable<TableSpec>,
  storage: MetadataStorage,
): ReadonlyMap<EntityClass, TableSpec> {
  const byEntity = new Map<EntityClass, TableSpec>();
  for (const spec of specs) {
    if (byEntity.has(spec.entity)) throw new Error(`two table specs for the entity ${spec.entity.name}`);
    byEntity.set(spec.entity, spec);
  }
  for (const spec of byEntity.values()) fill(spec, derive(spec, declarationOf(spec).def, storage, byEntity));
  for (const spec of byEntity.values()) {
    for (const { link, make } of declarationOf(spec).links) fill(link, make());
  }
  return byEntity;
}

/** The parts of `spec` its entity says. */
function derive(
  spec: TableSpec,
  def: TableDef,
  storage: MetadataStorage,
  byEntity: ReadonlyMap<EntityClass, TableSpec>,
): Derived {
  const meta = storage.find(def.entity) as EntityMetadata | undefined;
  const refuse = (message: string): never => {
    throw new Error(`table spec ${spec.type}: ${message}`);
  };
  if (!meta) refuse(`${def.entity.name} is not an entity of the ORM`);
  const entity = meta!;
  const tableOf = (target: EntityMetadata) => () =>
    byEntity.get(target.class as EntityClass) ??
    refuse(`${target.className} has no table spec (a relation of ${entity.className} leads there)`);
  const privateSet = new Set(def.privateColumns ?? []);
  const columnOf: Record<string, string> = {};
  const scalars = new Set<string>();
  const relations: Record<string, Relation> = {};
  const columns: string[] = [];
  let version: string | undefined;
  for (const p of entity.props as EntityProperty[]) {
    if (p.primary || p.persist === false || p.hidden || UNREAD.has(p.name)) continue;
    if (p.kind === ReferenceKind.SCALAR) {
      columnOf[p.name] = p.fieldNames[0]!;
      scalars.add(p.name);
      if (p.version) version = p.name;
      else if (!privateSet.has(p.name)) columns.push(p.name);
    } else if (p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) {
      const column = p.fieldNames[0]!;
      const key = camel(column);
      columnOf[key] = column;
      columns.push(key);
      relations[p.name] = { kind: 'one', column, key, target: tableOf(p.targetMeta!) };
    } else if (p.kind === ReferenceKind.MANY_TO_MANY) {
      relations[p.name] = {
        kind: 'many',
        target: tableOf(p.targetMeta!),
        via: { table: p.pivotTable, self: p.joinColumns[0]!, other: p.inverseJoinColumns[0]! },
      };
    } else if (p.kind === ReferenceKind.ONE_TO_MANY) {
      const fk = p.targetMeta!.properties[p.mappedBy]?.fieldNames[0] ?? refuse(`${p.name} maps no column`);
      relations[p.name] = { kind: 'many', target: tableOf(p.targetMeta!), fk };
    }
  }
  // The optimistic-lock version is bookkeeping every object has: last.
  if (version) columns.push(version);
  for (const key of privateSet) if (!scalars.has(key)) refuse(`private column ${key} is no property`);
  for (const [field, keys] of Object.entries(def.fieldColumns ?? {})) {
    for (const key of keys)
      if (!Object.hasOwn(columnOf, key)) refuse(`fieldColumns.${field} names ${key}, no column`);
  }
  const scalar = (prop: string, field: string) =>
    scalars.has(prop) ? columnOf[prop]! : refuse(`filter ${field}: ${prop} is no scalar property`);
  const filters: Record<string, FilterSpec> = {};
  for (const [field, filter] of Object.entries(def.filters)) {
    if (filter === 'id') filters[field] = { kind: 'id', column: entity.primaryKeys[0]!, type: spec.type };
    else if (filter === 'near') {
      scalar('lat', field);
      scalar('lng', field);
      filters[field] = { kind: 'near' };
    } else if (filter !== true && 'anyId' in filter) {
      filters[field] = { kind: 'anyId', column: scalar(filter.anyId, field) };
    } else if (filter !== true && 'props' in filter) {
      filters[field] = { kind: 'value', columns: filter.props.map((p) => scalar(p, field)) };
    } else {
      const prop = filter === true ? field : filter.prop;
      filters[field] = relations[prop] ?? { kind: 'value', columns: [scalar(prop, field)] };
    }
  }
  const sortable = (prop: string, field: string) =>
    prop.startsWith('(')
      ? prop
      : scalars.has(prop)
        ? columnOf[prop]!
        : refuse(`order ${field}: ${prop} is no scalar property`);
  const orders: Record<string, OrderSpec> = {};
  for (const [field, order] of Object.entries(def.orders)) {
    if (typeof order === 'function') orders[field] = order;
    else if (typeof order === 'string') orders[field] = sortable(order, field);
    else {
      const zh = sortable(order.zh, field);
      const en = sortable(order.en, field);
      orders[field] = (locale) => (locale === Locale.EN ? en : zh);
    }
  }
  return {
    table: entity.tableName,
    columns,
    privateColumns: def.privateColumns,
    columnOf,
    relations,
    filters,
    orders,
    archivable: 'archivedAt' in entity.properties,
  };
}

/** A link of `spec`, made from its relations when its table is derived (at once when it is). */
function link(spec: TableSpec, make: () => ParentLink, what: string): ParentLink {
  const made = deferred({} as ParentLink, ['expr'], what);
  if (!Object.getOwnPropertyDescriptor(spec, 'table')?.get) fill(made, make());
  declarationOf(spec).links.push({ link: made, make });
  return made;
}

/** The relation `prop` of `spec`'s entity (once derived). */
function relationOf(spec: TableSpec, prop: string): Relation {
  return spec.relations[prop] ?? fail(spec, prop, `is no relation of ${spec.entity.name}`);
}

/** The column of the scalar property or row key `prop` of `spec` (once derived). */
export function columnOf(spec: TableSpec, prop: string): string {
  return spec.columnOf[prop] ?? fail(spec, prop, `is no column of ${spec.entity.name}`);
}

/** The to-one relation `prop` of `spec`'s entity (once derived). */
export function toOne(spec: TableSpec, prop: string): Extract<Relation, { kind: 'one' }> {
  const relation = relationOf(spec, prop);
  return relation.kind === 'one' ? relation : fail(spec, prop, 'is no to-one relation');
}

/**
 * Rows of `spec` listed under the object their relation `prop` leads to: `listedBy(villageTable,
 * 'town')` lists villages under their town (`t.town_id`), `listedBy(villageTable, 'themes')` under
 * each of their themes (through the link table). `condition` keeps only some of them.
 */
export function listedBy(spec: TableSpec, prop: string, condition?: string): ParentLink {
  return link(
    spec,
    () => {
      const r = relationOf(spec, prop);
      const made: ParentLink =
        r.kind === 'one'
          ? { expr: ROOT.col(r.column).text }
          : r.via
            ? through(r.via, r.via.other, r.via.self)
            : fail(spec, prop, 'lists under a one-to-many relation need its inverse');
      return condition ? { ...made, condition } : made;
    },
    `${spec.type}.${prop}`,
  );
}

/**
 * The objects `spec`'s to-many relation `prop` leads to, listed under their `spec` row:
 * `targetsOf(villageTable, 'themes')` lists a village's themes.
 */
export function targetsOf(spec: TableSpec, prop: string): ParentLink {
  return link(
    spec,
    () => {
      const r = relationOf(spec, prop);
      if (r.kind === 'one') return fail(spec, prop, 'is to-one: list its owners with listedBy');
      return r.via ? through(r.via, r.via.self, r.via.other) : { expr: ROOT.col(r.fk!).text };
    },
    `${spec.type}.${prop}`,
  );
}

/** The alias of a link table in a parent link's join. */
const LINK = new Alias('l');

/** A parent link through the link table `via`: the parent's key is its column `parent`, the child's `child`. */
function through(via: { table: string }, parent: string, child: string): ParentLink {
  return {
    expr: LINK.col(parent).text,
    join: `join ${ident(via.table).text} ${LINK.text} on ${LINK.col(child).text} = ${ROOT.col('id').text}`,
  };
}

function fail(spec: TableSpec, prop: string, message: string): never {
  throw new Error(`table spec ${spec.type}: ${prop} ${message}`);
}

/** What every row carries: its type name, its global id and its primary key. */
type RowBase = {
  __typename: string;
  /** Global id. */
  id: string;
  /** Primary key (UUID). */
  pk: string;
};

/** Properties of every entity a row never carries (see `UNREAD`), or carries under another name (`id`). */
type Unread = 'id' | 'createdAt' | 'updatedAt' | 'archivedAt';

/** A to-many relation of an entity (a MikroORM `Collection`): never a column of its rows. */
type ToMany = { getItems(...args: never[]): unknown; isInitialized(...args: never[]): boolean };

/** Hidden properties of `E` (MikroORM's `[HiddenProps]`): never read. */
type Hidden<E> = E extends { [HiddenProps]?: infer H } ? H : never;

/** A value of a nullable (optional) property comes back as null. */
type Value<E, K extends keyof E> = undefined extends E[K] ? Exclude<E[K], undefined> | null : E[K];

/**
 * The row keys of `E` and their values: each scalar property under its name, each to-one relation
 * (`town: Rel<Region>`) as the key of its target (`townId: string`); to-many relations, methods,
 * bookkeeping and hidden properties are no row keys.
 */
export type RowFields<E> = {
  [K in Exclude<keyof E & string, Unread | Hidden<E>> as NonNullable<E[K]> extends
    | ToMany
    | ((...args: never[]) => unknown)
    ? never
    : NonNullable<E[K]> extends { id: string }
      ? `${K}Id`
      : K]: NonNullable<E[K]> extends { id: string } ? string | Extract<Value<E, K>, null> : Value<E, K>;
};

/**
 * A row as the read layer returns it: a plain object with `__typename`, `id` (the global id), `pk`
 * (the UUID) and, for a table of entity `E` (`Row<Village>`), the entity's row keys typed by its
 * properties (`RowFields`). A read selects the columns the query's fields need (each field with a
 * resolver of its own declares them: `TableDef.fieldColumns`), so a key its query did not ask for
 * may be absent; a private column the viewer may not read is null or absent. `Row` without an entity
 * is a row of any table, its keys `unknown`.
 */
export type Row<E extends object = object> = object extends E
  ? RowBase & { [key: string]: unknown }
  : RowBase & RowFields<E>;

/** The row of a table spec: `RowOf<typeof villageTable>` is `Row<Village>`. */
export type RowOf<S> = S extends TableSpec<infer E> ? Row<E> : never;

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
