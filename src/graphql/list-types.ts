import { type ClassType, Field, InputType, registerEnumType } from 'type-graphql';
import { type FilterDef, NAME_FILTER, type OrderDef } from '../data/table.js';
import { distanceOrder } from '../data/where.js';
import { ConnectionOf, ListArgsOf, OrderInput } from './connection.js';
import { EnumFilter, IDFilter, NearFilter, StringFilter } from './filters.js';
import { ObjectType } from './object-type.js';

/**
 * One field of a `<Type>Where` input: its filter input type, its description, and what it reads
 * (a `FilterDef` of the table spec: by default the entity property of the field's name).
 */
export interface WhereField {
  /** The input type (`() => StringFilter`, `() => VillageWhere`, or `itself` for the Where being made). */
  type: (Where: ClassType) => ClassType;
  description: string;
  reads: FilterDef;
}

/** A `where` field of input type `type` that reads `reads` (default: the property of its name). */
export const filter = (
  type: WhereField['type'],
  description: string,
  reads: FilterDef = true,
): WhereField => ({ type, description, reads });

/**
 * A `where` field on an enum property (the enum registered with `registerEnum`): its `EnumFilter`,
 * made now (an input type made while the schema is built would be missed).
 */
export function enumField(values: object, description: string, reads?: FilterDef) {
  const Filter = EnumFilter(values);
  return filter(() => Filter, description, reads);
}

/** The input type of a `where` field on a relation to the same type (`parent`). */
export const itself = (Where: ClassType) => Where;

/** The object itself, by global id. */
export const idFilter = (description: string) => filter(() => IDFilter, description, 'id');

/** A bilingual name, matched in either language. */
export const NAME_WHERE = filter(() => StringFilter, 'Name in either language.', NAME_FILTER);

/** Within a distance of a point, on the `lat`/`lng` properties. */
export const NEAR_WHERE = filter(
  () => NearFilter,
  'Within a distance of a point (needs coordinates).',
  'near',
);

/** Sorted by the distance from the `near` point of the list's `where` (refused without one). */
export const BY_DISTANCE: OrderDef = (_locale, where) => distanceOrder(where);

/**
 * Sorted by the rank of an enum column's value in the order the enum declares its values (a stage
 * along its pipeline, an office by seniority): a parenthesised expression on alias `t`.
 */
export const enumRank = (values: Record<string, string>, column: string): OrderDef =>
  `(array_position(array[${Object.values(values)
    .map((v) => `'${v}'`)
    .join(',')}], t.${column}))`;

/** What a list of one object type filters and sorts by, and how its inputs are described. */
export interface ListDef<W extends Record<string, WhereField>, O extends Record<string, OrderDef>> {
  /** The object type's name, when it is not its class's (an entity named otherwise). */
  type?: string;
  /** One item, in the list arguments: "Only house items matching all of these conditions". */
  one: string;
  /** The items: "Conditions on rural houses", "Sortable fields of rural houses", "A page of rural houses". */
  many: string;
  /** The fields of `<Type>Where` (besides `and`, `or`, `not`); the table spec's `filters` are theirs. */
  where: W;
  /** The values of `<Type>OrderField` with the sort each means; the table spec's `orders`. */
  orderBy: O;
  /** Said after "Sortable fields of …" (what a value sorts by when it is not plain). */
  sortNote?: string;
  /** Said after "…; all given fields must hold." */
  whereNote?: string;
  /** Sorted with the `<Type>OrderField` enum of another list of the same keys instead of its own. */
  sortedLike?: { OrderField: Record<keyof O, string> };
}

/** An instance of a `<Type>Where` input (its values are compiled by the read engine, data/where.ts). */
export type WhereOf<W> = { [K in keyof W | 'and' | 'or' | 'not']?: unknown };

/**
 * The GraphQL types of a list of `Node`, and what its table spec filters and sorts by, from one
 * declaration: `<Type>Where` (with `and`/`or`/`not`), `<Type>OrderField`, `<Type>Order`,
 * `<Type>ListArgs` and `<Type>Connection`; `filters` and `orders` go to the module's `defineTable`.
 */
export function listTypes<W extends Record<string, WhereField>, O extends Record<string, OrderDef>>(
  Node: ClassType,
  def: ListDef<W, O>,
) {
  const name = def.type ?? Node.name;

  class Where {}
  // Named as in the schema, so type-graphql's errors name it.
  Object.defineProperty(Where, 'name', { value: `${name}Where` });
  for (const [key, field] of Object.entries(def.where)) {
    Field(() => field.type(Where), { nullable: true, description: field.description })(Where.prototype, key);
  }
  Field(() => [Where], { nullable: true, description: 'All of these hold.' })(Where.prototype, 'and');
  Field(() => [Where], { nullable: true, description: 'Any of these holds.' })(Where.prototype, 'or');
  Field(() => Where, { nullable: true, description: 'This does not hold.' })(Where.prototype, 'not');
  const note = def.whereNote ? ` ${def.whereNote}` : '';
  InputType(`${name}Where`, { description: `Conditions on ${def.many}; all given fields must hold.${note}` })(
    Where,
  );

  const keys = Object.keys(def.orderBy) as (keyof O & string)[];
  const sortNote = def.sortNote ? ` ${def.sortNote}` : '';
  const OrderField =
    def.sortedLike?.OrderField ??
    enumOf(keys, `${name}OrderField`, `Sortable fields of ${def.many}.${sortNote}`);
  const Order = OrderInput(OrderField, name);

  // A list that takes a `near` point gives each item's distance from it on its edge.
  const distance = Object.values(def.where).some((f) => f.reads === 'near');
  @ObjectType(`${name}Connection`, { description: `A page of ${def.many}.` })
  class Connection extends ConnectionOf(Node, name, { distance }) {}

  const filters: Record<string, FilterDef> = {};
  for (const [key, field] of Object.entries(def.where)) filters[key] = field.reads;

  return {
    Where: Where as ClassType<WhereOf<W>>,
    OrderField,
    Order,
    ListArgs: ListArgsOf(Where as ClassType<WhereOf<W>>, Order, def.one),
    Connection,
    /** The table spec's `filters`. */
    filters,
    /** The table spec's `orders`. */
    orders: def.orderBy,
  };
}

/** A GraphQL enum of `keys`, each its own value. */
function enumOf<K extends string>(keys: K[], name: string, description: string) {
  const values = {} as Record<K, string>;
  for (const key of keys) values[key] = key;
  registerEnumType(values, { name, description });
  return values;
}

/** `some`/`none`/`every` conditions on the objects of a to-many relation, as `<name>RelationFilter`. */
export function RelationFilterOf(Where: ClassType, name: string, one: string, many: string) {
  @InputType(`${name}RelationFilter`, { description: `Conditions on the ${many} of an object.` })
  class RelationFilter {
    @Field(() => Where, { nullable: true, description: `At least one ${one} matches.` })
    some?: object;
    @Field(() => Where, { nullable: true, description: `No ${one} matches.` })
    none?: object;
    @Field(() => Where, { nullable: true, description: `Every ${one} matches.` })
    every?: object;
  }
  return RelationFilter;
}
