import type { MetadataStorage } from '@mikro-orm/core';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Plan } from './lookahead.js';
import {
  deriveTables,
  type EntityClass,
  type ListArgs,
  listedBy,
  type ParentLink,
  type TableSpec,
} from './table.js';

/**
 * A field its service answers from a list with fixed arguments, read without `info` (a village's
 * themes, a house's current lease): `plan` gives what the service reads along with the items for
 * the field's node (default: nothing).
 */
export interface FixedList {
  args: ListArgs;
  plan?: (info: GraphQLResolveInfo, node: FieldNode) => Plan;
}

/**
 * A list field `relation` ("Type.field") of items of `target` hanging off the parent by `link`, that
 * statements reading the parents read along (see `NestedList` in lookahead.ts). A module lists it
 * in its declaration; the field then reads only its parent's key.
 */
export interface NestedListDef {
  relation: string;
  target: TableSpec;
  link: ParentLink;
  /** Arguments its service fixes (the field is answered without `info`). */
  fixed?: FixedList;
}

/**
 * The list field `relation` ("Type.field"): items of `target` hanging off the parent by `link` (made
 * from a relation by `listedBy` or `targetsOf`), with the field's arguments, or `fixed` ones. Its
 * service pages through it by `.link`; its module lists it (`lists: [...]`) to have it read along.
 */
export const readAlong = (
  relation: string,
  target: TableSpec,
  link: ParentLink,
  fixed?: FixedList,
): NestedListDef => (fixed ? { relation, target, link, fixed } : { relation, target, link });

/**
 * `readAlong` of the rows of `spec` listed under the object their relation `prop` leads to (see
 * `listedBy`): `readAlongBy('Region.villages', villageTable, 'town')`.
 */
export const readAlongBy = (relation: string, spec: TableSpec, prop: string): NestedListDef =>
  readAlong(relation, spec, listedBy(spec, prop));

/** What the read engine takes from a module's declaration (see `defineModule`). */
export interface ReadModule {
  name: string;
  /** The module's tables; each is a type `node(id:)` fetches. */
  tables?: readonly TableSpec[];
  /** Its lists read along with their parents. */
  lists?: readonly NestedListDef[];
}

/**
 * The read engine's view of the modules, built once at start-up (`buildRegistry`): every table
 * derived from its entity, the types `node(id:)` fetches and the lists read along. Lookups on the
 * read path are Map lookups.
 */
export interface Registry {
  /** Every table, by entity. */
  readonly tables: ReadonlyMap<EntityClass, TableSpec>;
  /** The tables `node(id:)` fetches, by GraphQL type name. */
  readonly nodes: ReadonlyMap<string, TableSpec>;
  /** The lists read along with their parents, by "Type.field". */
  readonly lists: ReadonlyMap<string, NestedListDef>;
  /** Whether every resolver field of the schema's types is placed (see `checkFieldPlacement`). */
  placed: boolean;
}

let current: Registry | undefined;

/**
 * Derives the tables of `modules` from the ORM's metadata and collects their nodes and lists. Throws
 * naming what is declared twice, a list whose items no module's table holds, or what a table names
 * that its entity lacks. `buildRegistry` (startup.ts) makes the registry the read path uses.
 */
export function makeRegistry(modules: readonly ReadModule[], metadata: MetadataStorage): Registry {
  const tables = deriveTables(
    modules.flatMap((m) => m.tables ?? []),
    metadata,
  );
  const nodes = new Map<string, TableSpec>();
  for (const spec of tables.values()) {
    if (nodes.has(spec.type)) throw new Error(`two table specs for the type ${spec.type}`);
    nodes.set(spec.type, spec);
  }
  const lists = new Map<string, NestedListDef>();
  const owner = new Map<string, string>();
  for (const module of modules) {
    for (const list of module.lists ?? []) {
      const before = owner.get(list.relation);
      if (before)
        throw new Error(`${list.relation} is read along twice (modules ${before} and ${module.name})`);
      if (tables.get(list.target.entity) !== list.target)
        throw new Error(
          `${list.relation} (module ${module.name}) lists ${list.target.type}, a table of no module`,
        );
      lists.set(list.relation, list);
      owner.set(list.relation, module.name);
    }
  }
  return { tables, nodes, lists, placed: false };
}

/** Makes `made` the registry the read path uses from now on (`registry()`). */
export function useRegistry(made: Registry): void {
  current = made;
}

/** The registry built at start-up; reads before `buildRegistry` ran throw. */
export function registry(): Registry {
  if (!current)
    throw new Error('the read engine is used before buildRegistry(modules, orm.getMetadata()) ran');
  return current;
}

/** The registry if one is built. */
export const builtRegistry = (): Registry | undefined => current;
