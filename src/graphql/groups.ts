import { type EntityMetadata, type EntityProperty, MetadataStorage, ReferenceKind } from '@mikro-orm/core';
import {
  Arg,
  type ClassType,
  Ctx,
  Field,
  getMetadataStorage,
  Int,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import { type AggregateSpec, type GroupDim, groupedFigures } from '../data/aggregate.js';
import { upperSnake } from '../data/sql.js';
import { columnOf, type TableSpec, toOne } from '../data/table.js';
import { PageInfo } from './connection.js';
import type { Context } from './context.js';
import { ObjectType } from './object-type.js';
import { DecimalScalar } from './scalars.js';

/** Sum, average, minimum and maximum of a numeric field over a group. */
@ObjectType({
  description: 'Sum, average (rounded to 2 decimals), minimum and maximum of a numeric field over a group.',
})
export class DecimalStats {
  @Field(() => DecimalScalar, { nullable: true, description: 'Sum.' }) sum: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Average.' }) avg: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum.' }) min: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Maximum.' }) max: string | null;
}

/** A page of groups of `Group`. */
export function GroupsOf<T extends object>(Group: ClassType<T>, name: string) {
  @ObjectType(`${name}Groups`, { description: `A page of grouped figures of ${name} rows.` })
  class Groups {
    @Field(() => [Group], { description: 'The groups of this page.' }) nodes: T[];
    @Field(() => Int, { description: 'Number of groups in all pages.' }) totalCount: number;
    @Field(() => PageInfo, { description: 'Paging information; pass endCursor as `after`.' })
    pageInfo: PageInfo;
  }
  return Groups;
}

export const GROUP_ARGS = {
  first: 'Groups per page (default 20, at most 100).',
  after: 'Cursor of a group; the page starts after it.',
  where: 'Which rows are counted: the same filter as the list.',
  groupBy: 'Dimensions, combined (e.g. [SETTLEMENT, FIELD]).',
  orderBy: 'KEYS (default: by the dimensions), COUNT (largest first) or a numeric field (largest sum first).',
};

/**
 * A dimension of a list's grouped figures as declared: a property of the table by its name (`status`,
 * `village`), which is the dimension's key, or one described in full (`Dimension`).
 */
export type DimensionDef = string | Dimension;

/**
 * One dimension of a list's grouped figures. By default it groups by the table's property `key` (a
 * scalar, or a to-one relation, whose objects are then the keys), typed as that property is; its enum
 * value is the key in UPPER_SNAKE (`currentUse` → CURRENT_USE).
 */
export interface Dimension {
  /** Key in the result's `key` object. */
  key: string;
  /** The property grouped by, when it is not `key`; a path (`house.village`) follows to-one relations. */
  prop?: string;
  /** An SQL expression on alias `t` grouped by instead of a property (given the table); needs `type`. */
  expr?: string | ((table: TableSpec) => string);
  /** The key's GraphQL type; by default the property's (see `propertyType`). */
  type?: () => object;
  /** By default the key in words (`currentUse` → "Current use."). */
  description?: string;
}

const dimension = (d: DimensionDef): Dimension => (typeof d === 'string' ? { key: d } : d);
const inWords = (key: string) =>
  `${upperSnake(key)
    .replaceAll('_', ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase())}.`;

/** How `d` groups rows of `table`: its expression, and the table of the objects its keys name. */
export function groupDim(table: TableSpec, def: DimensionDef): GroupDim {
  const d = dimension(def);
  if (d.expr) return { key: d.key, expr: typeof d.expr === 'string' ? d.expr : d.expr(table) };
  return { key: d.key, ...propertyExpr(table, (d.prop ?? d.key).split('.')) };
}

/**
 * The SQL of a property (a path along to-one relations) of the rows `t` of `table`: its column, or a
 * scalar subquery on the table the path leads to; when it ends on a relation, that relation's table.
 */
function propertyExpr(table: TableSpec, path: string[]): Omit<GroupDim, 'key'> {
  let spec = table;
  let expr: string | undefined;
  const read = (column: string) =>
    expr === undefined ? `t.${column}` : `(select j.${column} from ${spec.table} j where j.id = ${expr})`;
  for (const prop of path.slice(0, -1)) {
    const hop = toOne(spec, prop);
    expr = read(hop.column);
    spec = hop.target();
  }
  const last = path.at(-1)!;
  const relation = spec.relations[last];
  if (relation?.kind === 'one') return { expr: read(relation.column), ref: relation.target };
  return { expr: read(columnOf(spec, last)) };
}

/** An entity class (or any class its relations lead to), by what is read of it here. */
type Named = { readonly name: string };

/**
 * The GraphQL type of the property `path` of `entity` (`status`, `house.village`), read from the
 * entity's decorators: the schema is built before (and without) the ORM's discovery, which the table
 * specs are derived from. An enum property is its enum, a text String, a flag Boolean; a to-one
 * relation is the object type named as its target entity (the type of that entity's table spec).
 */
function propertyType(entity: Named, path: string): object {
  const [name, ...rest] = path.split('.');
  const prop = decoratedProperty(entity, name!);
  const target =
    prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE
      ? prop.entity()
      : undefined;
  const fail = (message: string): never => {
    throw new Error(`grouped figures of ${entity.name}: ${path} ${message}`);
  };
  if (rest.length) {
    return typeof target === 'function'
      ? propertyType(target, rest.join('.'))
      : fail('follows no to-one relation');
  }
  if (typeof target === 'function') {
    const objectType = getMetadataStorage().objectTypes.find((o) => o.name === target.name);
    return objectType?.target ?? fail(`leads to ${target.name}, no object type: give the dimension's type`);
  }
  const items: unknown = prop.items;
  if (prop.enum && typeof items === 'function') return items();
  if (prop.type === 'string' || prop.type === 'text') return String;
  if (prop.type === 'boolean') return Boolean;
  return fail(`is of type ${prop.type}: give the dimension's type`);
}

/** The property `name` of `entity` or of a class it extends, as their decorators declare it. */
function decoratedProperty(entity: Named, name: string): EntityProperty {
  for (let c: unknown = entity; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (!Object.hasOwn(c, MetadataStorage.PATH_SYMBOL)) break;
    const meta: EntityMetadata = MetadataStorage.getMetadataFromDecorator(c);
    const prop = meta.properties[name];
    if (prop) return prop;
  }
  throw new Error(`grouped figures of ${entity.name}: ${name} is no property of the entity`);
}

/**
 * Declares `<type>Groups(groupBy, where, orderBy, first, after)` for the list of `table` (of `what`,
 * filtered by its `Where` input): the enum of dimensions, a typed key object, the group type with
 * count and DecimalStats per measure, and the resolver — all from one description, over the one
 * GROUP BY engine.
 */
export function defineGroups(
  table: TableSpec,
  /** The list's `where` input. */
  Where: ClassType<object>,
  /** The rows, in descriptions ("houses"). */
  what: string,
  options: {
    dimensions: DimensionDef[];
    /** Date properties grouped by month, quarter and year (see `dates`), with what their date is. */
    dates?: Record<string, string>;
    /** Numeric properties summed, averaged, …, with the description of their figures. */
    measures?: Record<string, string>;
  },
) {
  const name = table.type;
  const measures = options.measures ?? {};
  const dimensions = [
    ...options.dimensions.map(dimension),
    ...Object.entries(options.dates ?? {}).flatMap(([prop, event]) => dates(prop, event)),
  ];
  const GroupBy = Object.fromEntries(dimensions.map((d) => [upperSnake(d.key), upperSnake(d.key)]));
  registerEnumType(GroupBy, {
    name: `${name}GroupBy`,
    description: `Dimensions ${what} can be grouped by.`,
  });
  const orders = ['KEYS', 'COUNT', ...Object.keys(measures).map(upperSnake)];
  const GroupOrder = Object.fromEntries(orders.map((k) => [k, k]));
  registerEnumType(GroupOrder, {
    name: `${name}GroupOrder`,
    description: `Order of ${what} groups.`,
  });

  class Key {}
  for (const d of dimensions) {
    const type = () => (d.type ? d.type() : propertyType(table.entity, d.prop ?? d.key));
    const description = d.description ?? inWords(d.key);
    Field(type, { nullable: true, description })(Key.prototype, d.key);
  }
  ObjectType(`${name}GroupKey`, {
    description: `The values of the dimensions a group of ${what} was formed by (the others are null).`,
  })(Key);

  class Group {}
  Field(() => String, { description: 'Cursor of this group.' })(Group.prototype, 'cursor');
  Field(() => Key, { description: `What the ${what} of this group share.` })(Group.prototype, 'key');
  Field(() => Int, { description: `Number of ${what} in the group.` })(Group.prototype, 'count');
  for (const [m, description] of Object.entries(measures)) {
    Field(() => DecimalStats, { description })(Group.prototype, m);
  }
  ObjectType(`${name}Group`, { description: `${what} of one group.` })(Group);
  const Groups = GroupsOf(Group, name);

  // Made on the first query, from the table derived at start-up.
  let aggregate: AggregateSpec | undefined;
  const spec = (): AggregateSpec => {
    aggregate ??= {
      groups: Object.fromEntries(dimensions.map((d) => [upperSnake(d.key), groupDim(table, d)])),
      measures: Object.fromEntries(Object.keys(measures).map((m) => [m, columnOf(table, m)])),
    };
    return aggregate;
  };

  @Resolver()
  class GroupsResolver {
    @Query(() => Groups, {
      name: `${name[0]!.toLowerCase()}${name.slice(1)}Groups`,
      description: `${what} counted per group, in one SQL statement, with the list's where.`,
    })
    groups(
      @Arg('groupBy', () => [GroupBy], { description: GROUP_ARGS.groupBy }) groupBy: string[],
      @Arg('where', () => Where, { nullable: true, description: GROUP_ARGS.where }) where: object | null,
      @Arg('orderBy', () => GroupOrder, { nullable: true, description: GROUP_ARGS.orderBy }) orderBy:
        | string
        | null,
      @Arg('first', () => Int, { nullable: true, description: GROUP_ARGS.first }) first: number | null,
      @Arg('after', () => String, { nullable: true, description: GROUP_ARGS.after }) after: string | null,
      @Ctx() ctx: Context,
    ) {
      return groupedFigures(ctx, table, spec(), { groupBy, where, orderBy, first, after });
    }
  }
  return GroupsResolver;
}

/** Month, quarter and year dimensions of the date property `prop` (`renovatedOn` → RENOVATED_MONTH, …). */
export function dates(prop: string, event: string): Dimension[] {
  const key = prop.replace(/On$/, '');
  const units = [
    ['Month', 'YYYY-MM', '2021-03'],
    ['Quarter', 'YYYY-"Q"Q', '2021-Q1'],
    ['Year', 'YYYY', '2021'],
  ] as const;
  return units.map(([unit, pattern, example]) => ({
    key: `${key}${unit}`,
    expr: (table: TableSpec) => `to_char(t.${columnOf(table, prop)}, '${pattern}')`,
    type: () => String,
    description: `${event} ${unit.toLowerCase()}, e.g. ${example}.`,
  }));
}
