import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ResponseCache } from './cache/response-cache.js';
import { type CacheStore, MemoryStore, RedisStore } from './cache/store.js';
import type { Config } from './config.js';
import { limitPreparedStatements } from './data/query.js';
import { type ChangeFeed, PgChangeFeed } from './db/change-feed.js';
import { type Database, openDatabase } from './db/database.js';
import type { EmbeddedDatabase } from './db/embedded.js';
import { AllowList } from './graphql/allow-list.js';
import type { GuardOptions } from './graphql/guards.js';
import { connectThrottleStore, Throttles } from './graphql/rate-limit.js';
import { getSchema } from './graphql/schema.js';
import { StartupRefusal } from './lib/refusal.js';
import { createLive, type Live } from './live/live.js';
import { RedisChangeFeed } from './live/redis-feed.js';
import { type Logger, redacting } from './logger.js';
import { listeningUrl } from './modules/image/image.http.js';
import { loadSecret } from './modules/user/auth.js';
import { createApollo, createHttpServer } from './server.js';

/** A running API: its URL and how to stop it (HTTP server, Apollo, database, embedded PostgreSQL). */
export interface App {
  url: string;
  database: Database;
  /** Subscriptions (absent with SUBSCRIPTIONS=0). */
  live?: Live;
  stop(): Promise<void>;
}

/** Boots the API: database (embedded or DATABASE_URL) → migrations → demo data → HTTP server. */
export async function startApp(
  config: Config,
  sink: Logger,
  options: { embedded?: Promise<EmbeddedDatabase> } = {},
): Promise<App> {
  // Every line the API logs is redacted first: ids and codes, never names, contacts or tokens.
  const log = redacting(sink);
  const database = await openDatabase({
    embedded: options.embedded,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPgPort,
    seed: config.seedDemo,
    logSql: config.logSql,
    statementTimeoutMs: config.statementTimeoutMs || undefined,
    log: (message) => log({ level: 'info', message }),
  });
  let cache: ResponseCache | undefined;
  let throttleStore: { quit(): Promise<unknown> } | undefined;
  let feed: ChangeFeed | undefined;
  let live: Live | undefined;
  try {
    limitPreparedStatements(config.maxPreparedStatements);
    const throttleRedis = config.redisUrl ? await connectThrottleStore(config.redisUrl) : undefined;
    throttleStore = throttleRedis;
    const throttles = new Throttles(
      {
        points: config.rateLimitPoints,
        windowSeconds: config.rateLimitWindowSeconds,
        login: {
          maxFailures: config.loginMaxFailures,
          maxFailuresPerIp: config.loginMaxFailuresPerIp,
          windowSeconds: config.loginWindowSeconds,
          lockoutSeconds: config.loginLockoutSeconds,
        },
      },
      throttleRedis,
      keyPrefix(database.url),
    );
    const auth = {
      secret: await loadSecret(config.jwtSecret, config.dataDir),
      tokenTtlSeconds: config.tokenTtlSeconds,
      failureDelayMs: config.loginFailureDelayMs,
      throttles,
    };
    // One LISTEN per process (with Redis, one per database: see RedisChangeFeed) for the cache and subscriptions.
    if (config.responseCache || config.subscriptions) {
      feed = config.redisUrl
        ? await RedisChangeFeed.open({
            databaseUrl: database.url,
            redisUrl: config.redisUrl,
            prefix: keyPrefix(database.url),
            log,
          })
        : await PgChangeFeed.open(database.url, log);
    }
    cache = config.responseCache ? new ResponseCache(await cacheStore(config, database.url), log) : undefined;
    if (feed) cache?.follow(feed);
    const guards: GuardOptions = {
      limits: {
        maxCost: config.maxQueryCost,
        maxAliases: config.maxAliases,
        maxFields: config.maxFields,
        maxRepeatedFields: config.maxRepeatedFields,
      },
      maxTokens: config.maxTokens,
      throttles,
      allowList: config.allowList ? await AllowList.load(config.operationsDir, await getSchema()) : undefined,
    };
    const apollo = await createApollo({
      maxQueryDepth: config.maxQueryDepth,
      log,
      cache,
      introspection: config.introspection,
      guards,
    });
    const limits = { where: config.whereLimits, import: config.importLimits };
    // Absolute URLs in answers start with PUBLIC_URL, else the address the server listens on.
    let publicUrl = config.publicUrl;
    live =
      config.subscriptions && feed
        ? createLive({
            schema: await getSchema(),
            em: database.orm.em,
            auth,
            feed,
            log,
            guards,
            maxQueryDepth: config.maxQueryDepth,
            maxTokens: config.maxTokens,
            introspection: config.introspection,
            limits,
            requestTimeoutMs: config.requestTimeoutMs,
            debounceMs: config.liveDebounceMs,
            subscriptionsPerConnection: config.subscriptionsPerConnection,
            connectionsPerClient: config.connectionsPerClient,
            maxMessageBytes: config.liveMaxMessageBytes,
            recheckMs: config.liveRecheckSeconds * 1000,
            corsOrigins: config.corsOrigins,
            trustProxy: config.trustProxy,
            production: !config.introspection,
            publicUrl: () => publicUrl,
          })
        : undefined;
    const server = createHttpServer({
      apollo,
      em: database.orm.em,
      auth,
      log,
      cache,
      httpMaxAgeSeconds: config.httpCacheMaxAge,
      compression: config.httpCompression,
      diagnosticHeaders: config.diagnosticHeaders,
      requestTimeoutMs: config.requestTimeoutMs,
      limits,
      maxBodyBytes: config.maxBodyBytes,
      anonymousMaxBodyBytes: config.anonymousMaxBodyBytes,
      corsOrigins: config.corsOrigins,
      trustProxy: config.trustProxy,
      idempotencyTtlHours: config.idempotencyTtlHours,
      explorer: config.explorer,
      images: {
        dataDir: config.dataDir,
        maxBytes: config.imageMaxBytes,
        maxPixels: config.imageMaxPixels,
        publicUrl: config.publicUrl,
      },
      live,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' || error.code === 'EACCES'
            ? new StartupRefusal(
                `Not starting: ${config.host}:${config.port} ${error.code === 'EADDRINUSE' ? 'is in use by another process' : 'may not be opened by this user'}. Stop that process or set another PORT (or HOST).`,
              )
            : error,
        ),
      );
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    publicUrl ??= listeningUrl(server);
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${config.host}:${port}/graphql`,
      database,
      live,
      stop() {
        stopping ??= (async () => {
          // WebSockets and event streams first: their connections would hold the HTTP server open.
          await live?.close();
          server.closeIdleConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          log({ level: 'info', message: 'http server closed' });
          await apollo.stop();
          await cache?.close();
          await feed?.close();
          await throttleStore?.quit().catch(() => {});
          await database.close();
          log({ level: 'info', message: 'database closed' });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await live?.close();
    await cache?.close();
    await feed?.close();
    await throttleStore?.quit().catch(() => {});
    await database.close();
    throw error;
  }
}

/** Keys of one database's instances in a shared Redis: a digest of the database URL. */
const keyPrefix = (databaseUrl: string) =>
  `revgraph:${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`;

/**
 * Redis when REDIS_URL is set (shared by the instances of one database: its keys are prefixed with a
 * digest of the database URL), else this process's memory.
 */
async function cacheStore(config: Config, databaseUrl: string): Promise<CacheStore> {
  const ttlSeconds = config.responseCacheTtlSeconds;
  const prefix = `${keyPrefix(databaseUrl)}:`;
  return config.redisUrl
    ? await RedisStore.connect(config.redisUrl, { ttlSeconds, prefix })
    : new MemoryStore({ maxBytes: config.responseCacheMaxMb * 1024 * 1024, ttlSeconds });
}
