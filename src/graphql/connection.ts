import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, type ClassType, Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { EMPTY_PLAN, type Plan, planOf, selectsField } from '../data/lookahead.js';
import {
  childListKey,
  DISTANCE_KEY,
  emptyPage,
  findById,
  type ListArgs,
  loadPages,
  MAX_PAGE_SIZE,
  type Page,
  type ParentLink,
} from '../data/query.js';
import type { Row, TableSpec } from '../data/table.js';
import { labelEnum, valueDescriptions } from '../db/enum.js';
import { getOrMake } from '../lib/maps.js';
import type { Context } from './context.js';
import { ObjectType } from './object-type.js';

/** Sort direction. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
labelEnum(OrderDirection, { ASC: ['Ascending', '升序'], DESC: ['Descending', '降序'] });
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: valueDescriptions(OrderDirection),
});

/** Relay page information. */
@ObjectType({ description: 'Where this page sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow the last one of this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, {
    description: 'Items precede the first one of this page (known when paging with `after` or `last`).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor?: string | null;
}

/** Paging arguments of every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Items after \`after\` (default 20, at most ${MAX_PAGE_SIZE}; more is a BAD_USER_INPUT error).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of an item; the page starts after it.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Items before \`before\`, counted from the end (at most ${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of an item; the page ends before it.' })
  before?: string | null;
}

/** The `orderBy` item of a list whose sortable fields are the values of `fields`. */
export function OrderInput<E extends object>(fields: E, name: string) {
  @InputType(`${name}Order`, {
    description: `One sort key of a ${name} list; the id is always the last tie-breaker.`,
  })
  class Order {
    @Field(() => fields, { description: 'Field to sort by.' })
    field: string;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
    direction: OrderDirection;
  }
  return Order;
}

/** Arguments of a list of `name`: paging, a typed `where` and an `orderBy` list. */
export function ListArgsOf<W extends object, O extends object>(
  Where: ClassType<W>,
  Order: ClassType<O>,
  name: string,
) {
  @ArgsType()
  class Args extends PageArgs {
    @Field(() => Where, {
      nullable: true,
      description: `Only ${name} items matching all of these conditions.`,
    })
    where?: W | null;

    @Field(() => [Order], { nullable: true, description: 'Sort keys, most significant first.' })
    orderBy?: O[] | null;
  }
  return Args;
}

/** The description of `distanceKm` on the edges of lists that take a `near` point. */
export const DISTANCE_KM =
  'Great-circle distance in km (WGS 84 haversine, Earth radius 6371 km) from the `near` point of the list’s `where` to this item, the distance the filter and a DISTANCE sort use; null when the list’s `where` has no `near` of its own (one inside `and`/`or`/`not` or a relation does not count).';

/**
 * A Relay connection of `Node` items. With `distance` (lists that take a `near` point), its edges
 * carry `distanceKm`, which the read engine selects in the list's own statement (`DISTANCE_KEY`).
 */
export function ConnectionOf<T extends object>(
  Node: ClassType<T>,
  name: string,
  options: { distance?: boolean } = {},
) {
  @ObjectType(`${name}Edge`, { description: `A ${name} in a list, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => Node, { description: `The ${name}.` })
    node: T;
  }
  if (options.distance) {
    Field(() => Float, { nullable: true, description: DISTANCE_KM })(Edge.prototype, 'distanceKm');
  }

  @ObjectType(`${name}ConnectionBase`)
  abstract class Connection {
    @Field(() => [Edge], { description: 'Items of this page with their cursors.' })
    edges: Edge[];

    @Field(() => [Node], { description: 'Items of this page.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list (all pages) matching `where`.' })
    totalCount: number;
  }
  return Connection;
}

/** What a connection field resolves to. */
export interface ConnectionResult {
  edges: { cursor: string; node: Row }[];
  nodes: Row[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A page shaped as a GraphQL connection; edges and cursors are built when read (most nested lists
 * are read through `nodes`). A class: its getters live on the prototype, so a connection costs one
 * small object.
 */
class PageConnection implements ConnectionResult {
  private builtEdges?: ConnectionResult['edges'];
  readonly nodes: Row[];
  readonly totalCount: number;

  constructor(private readonly page: Page) {
    this.nodes = page.rows;
    this.totalCount = page.total;
  }

  get edges() {
    const page = this.page;
    this.builtEdges ??= page.rows.map((node, i) => new PageEdge(page, node, i));
    return this.builtEdges;
  }

  get pageInfo(): PageInfo {
    return new PagePageInfo(this.page);
  }
}

/*
 * Edges and page info compute their cursors when read. They are classes, not object literals with
 * getters: V8 gives every such literal a hidden class of its own in the old generation, which keeps
 * the request's objects reachable until a full GC (see "Apollo, patched" in the README).
 */
class PageEdge {
  constructor(
    private readonly page: Page,
    readonly node: Row,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return this.page.cursors[this.index]!;
  }

  /** The distance from the list's `near` point, when it has one (read only by edges that declare it). */
  get distanceKm(): number | null {
    const distance = (this.node as Record<string, unknown>)[DISTANCE_KEY];
    return distance == null ? null : Number(distance);
  }
}

class PagePageInfo implements PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;

  constructor(private readonly page: Page) {
    this.hasNextPage = page.hasNextPage;
    this.hasPreviousPage = page.hasPreviousPage;
  }

  get startCursor(): string | null {
    return this.page.cursors[0] ?? null;
  }

  get endCursor(): string | null {
    return this.page.cursors.at(-1) ?? null;
  }
}

export function toConnection(page: Page): ConnectionResult {
  return new PageConnection(page);
}

/** Whether the connection field being resolved asks for `totalCount` (so the count is only computed when read). */
export function wantsTotal(info: GraphQLResolveInfo): boolean {
  return selectsField(info, 'totalCount');
}

/** A top-level list. */
export async function listConnection(
  ctx: Context,
  spec: TableSpec,
  args: ListArgs,
  info: GraphQLResolveInfo,
) {
  const plan = planOf(info, spec, true);
  const pages = await loadPages(ctx, spec, args, { withTotal: wantsTotal(info), plan });
  return toConnection(pages.get('') ?? emptyPage(0, args));
}

const fixedKeys = new WeakMap<ListArgs, WeakMap<Plan, WeakMap<ParentLink, WeakMap<TableSpec, string>>>>();

/**
 * The loader key of a list read without `info` (a service's own read, e.g. a house's current
 * lease): built once per arguments object, plan, link and table, which such callers keep constant
 * (it is looked up per parent row).
 */
function fixedKey(spec: TableSpec, link: ParentLink, args: ListArgs, plan: Plan, make: () => string) {
  const byPlan = getOrMake(fixedKeys, args, () => new WeakMap());
  const byLink = getOrMake(byPlan, plan, () => new WeakMap());
  return getOrMake(
    getOrMake(byLink, link, () => new WeakMap()),
    spec,
    make,
  );
}

/**
 * A nested list under one parent; all parents of the same field with the same arguments are
 * answered by one statement. `info` tells whether `totalCount` is read (false: never). Without
 * `info`, `plan` says what to read along with the items (default: nothing).
 */
export function childConnection(
  ctx: Context,
  spec: TableSpec,
  link: ParentLink,
  parentId: string,
  args: ListArgs,
  info: GraphQLResolveInfo | false,
  plan: Plan = EMPTY_PLAN,
): ConnectionResult | Promise<ConnectionResult> {
  // The to-one relations and computed fields the query selects on the items come in the same statement.
  if (info) plan = planOf(info, spec, true);
  // One loader per relation field (and arguments), like findById: statements depend on the shape only.
  // Within a request a field's key is fixed (its variables are): computed once per field.
  const key = () =>
    childListKey(
      spec,
      info ? `${info.parentType.name}.${info.fieldName}` : '',
      link,
      info ? wantsTotal(info) : false,
      args,
      plan,
    );
  const loaderKey = info
    ? ctx.loaders.keyOf(info.fieldNodes[0]!, info.parentType.name, key)
    : fixedKey(spec, link, args, plan, key);
  // A page read along with the parent (see `NestedList`) is answered at once.
  const primed = ctx.loaders.primedOf<Page>(loaderKey);
  if (primed?.has(parentId)) return toConnection(primed.get(parentId)!);
  return ctx.loaders
    .get<ConnectionResult>(
      loaderKey,
      async (parentIds) => {
        const withTotal = info ? wantsTotal(info) : false;
        const pages = await loadPages(ctx, spec, args, { withTotal, parent: link, parentIds, plan });
        return new Map([...pages].map(([k, page]) => [k, toConnection(page)]));
      },
      toConnection(emptyPage(0, args)),
    )
    .load(parentId);
}

/** The reads every table has: its top-level list, and one row by key for a relation field. */
export const tableReads = (spec: TableSpec) => ({
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) => listConnection(ctx, spec, args, info),
  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, spec, pk as string, relation, info),
});

/** The page of items of `spec` under one parent row, through a list read along (`readAlongBy`). */
export const childReads =
  (spec: TableSpec, list: { link: ParentLink }) =>
  (ctx: Context, parent: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, spec, list.link, parent.pk, args, info);
