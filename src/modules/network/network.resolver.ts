import { Arg, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG } from '../../graphql/localized.js';
import { ObjectType } from '../../graphql/object-type.js';
import { MAX_DEPTH, MAX_NODES, network } from './network.service.js';

@ObjectType({ description: 'An object in a network view.' })
export class NetworkNode {
  @Field(() => ID, { description: 'Global id (fetch the object with `node`).' })
  id: string;
  @Field(() => String, { description: 'GraphQL type, e.g. Talent, Project.' })
  type: string;
  @Field(() => String, { description: 'Name to show.' })
  label: string;
}

@ObjectType({ description: 'A relation between two objects of a network view.' })
export class NetworkEdge {
  @Field(() => ID, { description: 'Global id of one end.' })
  from: string;
  @Field(() => ID, { description: 'Global id of the other end.' })
  to: string;
  @Field(() => String, {
    description: 'Kind of relation, e.g. ROLE_IN, INVESTS_IN, INVESTED_BY, TENANT, MEMBER_OF, BRANCH_OF.',
  })
  kind: string;
}

@ObjectType({ description: 'The neighbourhood of an object, ready for a force-directed graph.' })
export class Network {
  @Field(() => [NetworkNode], { description: 'Objects, the starting one first.' })
  nodes: NetworkNode[];
  @Field(() => [NetworkEdge], { description: 'Relations between them.' })
  edges: NetworkEdge[];
  @Field(() => Boolean, { description: 'More objects were reachable than `first` allowed.' })
  truncated: boolean;
}

@Resolver()
export class NetworkResolver {
  @Query(() => Network, {
    description: `The neighbourhood of an object (talent → project → investment → investor; village → house → lease → tenant; union → branch → member), breadth first, at most ${MAX_DEPTH} steps and ${MAX_NODES} objects; objects the caller may not see are left out.`,
  })
  network(
    @Arg('from', () => ID, { description: 'Global id of the starting object.' }) from: string,
    @Arg('depth', () => Int, { defaultValue: 2, description: `Steps from the start, 1 to ${MAX_DEPTH}.` })
    depth: number,
    @Arg('types', () => [String], {
      nullable: true,
      description: 'Only objects of these types (e.g. ["Project", "Organization"]); the start is always in.',
    })
    types: string[] | null,
    @Arg('first', () => Int, {
      defaultValue: 100,
      description: `At most this many objects, 1 to ${MAX_NODES}.`,
    })
    first: number,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Ctx() ctx: Context,
  ) {
    return network(ctx, from, depth, types, first, locale ?? ctx.locale);
  }
}
