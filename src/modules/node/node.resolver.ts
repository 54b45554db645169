import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { findById, MAX_PAGE_SIZE } from '../../data/query.js';
import { registry } from '../../data/registry.js';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { Node } from '../../graphql/types.js';

function fetchNode(
  ctx: Context,
  id: string,
  field: string,
  info: GraphQLResolveInfo,
): Row | null | Promise<Row | null> {
  const parsed = parseGlobalId(id);
  if (!parsed) throw badInput(`"${id}" is not a valid id`, { field });
  const spec = registry().nodes.get(parsed.type);
  return spec ? findById(ctx, spec, parsed.uuid, 'Query.node', info) : Promise.resolve(null);
}

/** Relay object identification: any object by its global id. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when it does not exist or the caller may not see it.',
  })
  node(
    @Arg('id', () => ID, { description: 'Global id.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return fetchNode(ctx, id, 'id', info);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by global id, in the order asked (null for each missing one); at most ${MAX_PAGE_SIZE}.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[],
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (ids.length > MAX_PAGE_SIZE)
      throw badInput(`at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`, { field: 'ids' });
    return Promise.all(ids.map((id, i) => fetchNode(ctx, id, `ids[${i}]`, info)));
  }
}
