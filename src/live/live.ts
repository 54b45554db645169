import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { CorsOrigins } from '../cors.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { InputLimits } from '../graphql/context.js';
import { AppError, ErrorCode } from '../graphql/errors.js';
import { type GuardOptions, trustProxy } from '../graphql/guards.js';
import type { Logger } from '../logger.js';
import type { AuthSettings } from '../modules/user/auth.js';
import type { LiveTransports } from '../server.js';
import { LiveHub } from './hub.js';
import { subscriptionChecks } from './operation.js';
import { ConnectionCounter } from './session.js';
import { eventStreamTransport } from './sse.js';
import { webSocketTransport } from './ws.js';

/** Settings of the live updates (see Config). */
export interface LiveSettings {
  schema: GraphQLSchema;
  em: EntityManager;
  auth: AuthSettings;
  feed: ChangeFeed;
  log: Logger;
  /** The query path's limits, allow list and rate limiter, applied to subscriptions too. */
  guards: GuardOptions;
  maxQueryDepth: number;
  maxTokens: number;
  introspection: boolean;
  limits?: InputLimits;
  requestTimeoutMs: number;
  debounceMs: number;
  subscriptionsPerConnection: number;
  connectionsPerClient: number;
  maxMessageBytes: number;
  /** How often a signed-in connection's account is checked again, in ms. */
  recheckMs: number;
  corsOrigins: CorsOrigins;
  trustProxy?: readonly string[];
  production: boolean;
  /** The API's address as browsers reach it, for absolute URLs in answers (see `Context.publicUrl`). */
  publicUrl?: () => string | undefined;
}

/** The live updates of a running API: its transports for the HTTP server, and how to stop them. */
export interface Live extends LiveTransports {
  readonly hub: LiveHub;
  /** Open WebSockets and event streams. */
  readonly connections: number;
  /** Closes every WebSocket with 1001 and ends every event stream, then stops reading live queries. */
  close(): Promise<void>;
}

/**
 * Subscriptions over graphql-ws (WebSocket upgrades of `/graphql`) and graphql-sse
 * (`/graphql/stream`), both answered by one hub of live queries that follows the change feed.
 */
export function createLive(settings: LiveSettings): Live {
  const checks = subscriptionChecks({
    schema: settings.schema,
    maxQueryDepth: settings.maxQueryDepth,
    maxTokens: settings.maxTokens,
    guards: settings.guards,
    introspection: settings.introspection,
    log: settings.log,
  });
  const hub = new LiveHub({
    schema: settings.schema,
    em: settings.em,
    auth: settings.auth,
    feed: settings.feed,
    log: settings.log,
    debounceMs: settings.debounceMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    limits: settings.limits,
    publicUrl: settings.publicUrl,
  });
  const counter = new ConnectionCounter(settings.connectionsPerClient);
  const shared = {
    em: settings.em,
    auth: settings.auth,
    checks,
    hub,
    counter,
    origins: settings.corsOrigins,
    trust: trustProxy(settings.trustProxy),
    limits: settings.limits,
    maxMessageBytes: settings.maxMessageBytes,
    recheckMs: settings.recheckMs,
  };
  const sockets = webSocketTransport({
    ...shared,
    schema: settings.schema,
    log: settings.log,
    subscriptionsPerConnection: settings.subscriptionsPerConnection,
    production: settings.production,
  });
  const streams = eventStreamTransport(shared);
  let closing: Promise<void> | undefined;
  return {
    hub,
    get connections() {
      return counter.total;
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      sockets.upgrade(req, socket, head);
    },
    serve(req: IncomingMessage, res: ServerResponse) {
      return streams.serve(req, res);
    },
    close() {
      closing ??= (async () => {
        await sockets.close();
        // Event streams cannot say "going away" with a close code: their last event says it.
        await hub.close({
          errors: [
            new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The server is going away; subscribe again.', {
              retryable: true,
            }),
          ],
        });
        await streams.drain();
      })();
      return closing;
    },
  };
}
