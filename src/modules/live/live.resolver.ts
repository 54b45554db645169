import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Resolver, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Region } from '../region/region.types.js';
import { Village } from '../village/village.types.js';
import { liveService } from './live.service.js';

/**
 * Subscriptions are answered by src/live (graphql-ws at /graphql, graphql-sse at /graphql/stream),
 * which reads each field's value afresh after every relevant change; graphql-js's own `subscribe`
 * (an event stream per subscriber) is not how they run.
 */
const servedBySrcLive = () => {
  throw new GraphQLError(
    'Subscriptions are served over WebSocket (graphql-transport-ws, /graphql) and Server-Sent Events (/graphql/stream).',
    { extensions: { code: 'BAD_REQUEST' } },
  );
};

/** Live updates: each field emits its object at once, then again whenever what the subscriber selected changes. */
@Resolver()
export class LiveResolver {
  @Subscription(() => Region, {
    subscribe: servedBySrcLive,
    description:
      'The region of `code` (select its `stats` for a live dashboard): emitted at once, then after each write to the data that changes what you selected (a write through this API, another instance, an import or psql), a few hundred milliseconds after it, never twice the same. NOT_FOUND when there is no such region; ends when it is archived.',
  })
  regionStatsChanged(
    @Arg('code', () => String, { description: 'Region code (slug), e.g. "dashuibo".' }) code: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return liveService.region(ctx, code, info);
  }

  @Subscription(() => Village, {
    subscribe: servedBySrcLive,
    nullable: true,
    description:
      'The village of `slug` (a former slug too): emitted at once, then after each write that changes what you selected, never twice the same. NOT_FOUND when there is no such village; emits null and ends when it is archived or no longer visible to you.',
  })
  villageChanged(
    @Arg('slug', () => String, { description: 'Current or former slug of the village.' }) slug: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return liveService.village(ctx, slug, info);
  }
}
