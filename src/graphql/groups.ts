import {
  Arg,
  type ClassType,
  Ctx,
  Field,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import { type AggregateSpec, type GroupDim, groupedFigures } from '../data/aggregate.js';
import { upperSnake } from '../data/sql.js';
import { columnOf, type TableSpec } from '../data/table.js';
import { PageInfo } from './connection.js';
import type { Context } from './context.js';
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
 * One dimension of a list's grouped figures, with its GraphQL type: by default the table's property
 * `key` (a scalar, or a to-one relation, whose objects are then the keys).
 */
export interface Dimension {
  /** Key in the result's `key` object. */
  key: string;
  /** The property grouped by, when it is not `key`. */
  prop?: string;
  /** An SQL expression on alias `t` grouped by instead of a property (given the table). */
  expr?: string | ((table: TableSpec) => string);
  type: () => unknown;
  description: string;
  /** With `expr`: the table of the objects whose keys it yields. */
  ref?: () => TableSpec;
}

/** How `d` groups rows of `table`: its expression, and the table of the objects its keys name. */
export function groupDim(table: TableSpec, d: Dimension): GroupDim {
  if (d.expr) return { key: d.key, expr: typeof d.expr === 'string' ? d.expr : d.expr(table), ref: d.ref };
  const prop = d.prop ?? d.key;
  const relation = table.relations[prop];
  if (relation?.kind === 'one') return { key: d.key, expr: `t.${relation.column}`, ref: relation.target };
  return { key: d.key, expr: `t.${columnOf(table, prop)}` };
}

/**
 * Declares `<query>(groupBy, where, orderBy, first, after)` for a list: the enum of dimensions, a
 * typed key object, the group type with count and DecimalStats per measure, and the resolver — all
 * from one description, over the one GROUP BY engine.
 */
export function defineGroups(options: {
  name: string;
  query: string;
  what: string;
  table: () => TableSpec;
  where: ClassType<object>;
  dimensions: Record<string, Dimension>;
  /** Numeric properties summed, averaged, …: by property (or `prop` when the field is named otherwise). */
  measures?: Record<string, { prop?: string; description: string }>;
}) {
  const { name } = options;
  const measures = options.measures ?? {};
  const GroupBy = Object.fromEntries(Object.keys(options.dimensions).map((k) => [k, k]));
  registerEnumType(GroupBy, {
    name: `${name}GroupBy`,
    description: `Dimensions ${options.what} can be grouped by.`,
  });
  const orders = ['KEYS', 'COUNT', ...Object.keys(measures).map(upperSnake)];
  const GroupOrder = Object.fromEntries(orders.map((k) => [k, k]));
  registerEnumType(GroupOrder, {
    name: `${name}GroupOrder`,
    description: `Order of ${options.what} groups.`,
  });

  class Key {}
  for (const d of Object.values(options.dimensions)) {
    Field(d.type as () => never, { nullable: true, description: d.description })(Key.prototype, d.key);
  }
  ObjectType(`${name}GroupKey`, {
    description: `The values of the dimensions a group of ${options.what} was formed by (the others are null).`,
  })(Key);

  class Group {}
  Field(() => String, { description: 'Cursor of this group.' })(Group.prototype, 'cursor');
  Field(() => Key, { description: `What the ${options.what} of this group share.` })(Group.prototype, 'key');
  Field(() => Int, { description: `Number of ${options.what} in the group.` })(Group.prototype, 'count');
  for (const [m, { description }] of Object.entries(measures)) {
    Field(() => DecimalStats, { description })(Group.prototype, m);
  }
  ObjectType(`${name}Group`, { description: `${options.what} of one group.` })(Group);
  const Groups = GroupsOf(Group, name);

  // Made on the first query, from the table resolved at start-up.
  let aggregate: AggregateSpec | undefined;
  const spec = (): AggregateSpec => {
    const table = options.table();
    aggregate ??= {
      groups: Object.fromEntries(Object.entries(options.dimensions).map(([k, d]) => [k, groupDim(table, d)])),
      measures: Object.fromEntries(
        Object.entries(measures).map(([m, { prop }]) => [m, columnOf(table, prop ?? m)]),
      ),
    };
    return aggregate;
  };

  @Resolver()
  class GroupsResolver {
    @Query(() => Groups, {
      name: options.query,
      description: `${options.what} counted per group, in one SQL statement, with the list's where.`,
    })
    groups(
      @Arg('groupBy', () => [GroupBy], { description: GROUP_ARGS.groupBy }) groupBy: string[],
      @Arg('where', () => options.where, { nullable: true, description: GROUP_ARGS.where }) where:
        | object
        | null,
      @Arg('orderBy', () => GroupOrder, { nullable: true, description: GROUP_ARGS.orderBy }) orderBy:
        | string
        | null,
      @Arg('first', () => Int, { nullable: true, description: GROUP_ARGS.first }) first: number | null,
      @Arg('after', () => String, { nullable: true, description: GROUP_ARGS.after }) after: string | null,
      @Ctx() ctx: Context,
    ) {
      return groupedFigures(ctx, options.table(), spec(), { groupBy, where, orderBy, first, after });
    }
  }
  return GroupsResolver;
}

/** Month, quarter and year dimensions of a date property. */
export function dateDimensions(
  prefix: string,
  key: string,
  prop: string,
  what: string,
): Record<string, Dimension> {
  const format = (pattern: string) => (table: TableSpec) =>
    `to_char(t.${columnOf(table, prop)}, '${pattern}')`;
  return {
    [`${prefix}_MONTH`]: {
      key: `${key}Month`,
      expr: format('YYYY-MM'),
      type: () => String,
      description: `${what} month, e.g. 2021-03.`,
    },
    [`${prefix}_QUARTER`]: {
      key: `${key}Quarter`,
      expr: format('YYYY-"Q"Q'),
      type: () => String,
      description: `${what} quarter, e.g. 2021-Q1.`,
    },
    [`${prefix}_YEAR`]: {
      key: `${key}Year`,
      expr: format('YYYY'),
      type: () => String,
      description: `${what} year, e.g. 2021.`,
    },
  };
}
