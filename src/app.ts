import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ResponseCache } from './cache/response-cache.js';
import { type CacheStore, MemoryStore, RedisStore } from './cache/store.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import type { EmbeddedDatabase } from './db/embedded.js';
import type { Logger } from './logger.js';
import { loadSecret } from './modules/user/auth.js';
import { createApollo, createHttpServer } from './server.js';

/** A running API: its URL and how to stop it (HTTP server, Apollo, database, embedded PostgreSQL). */
export interface App {
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/** Boots the API: database (embedded or DATABASE_URL) → migrations → demo data → HTTP server. */
export async function startApp(
  config: Config,
  log: Logger,
  options: { embedded?: Promise<EmbeddedDatabase> } = {},
): Promise<App> {
  const database = await openDatabase({
    embedded: options.embedded,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPgPort,
    seed: config.seedDemo,
    logSql: config.logSql,
    log: (message) => log({ level: 'info', message }),
  });
  let cache: ResponseCache | undefined;
  try {
    const auth = {
      secret: await loadSecret(config.jwtSecret, config.dataDir),
      tokenTtlSeconds: config.tokenTtlSeconds,
      failureDelayMs: config.loginFailureDelayMs,
    };
    cache = config.responseCache ? new ResponseCache(await cacheStore(config, database.url), log) : undefined;
    await cache?.listen(database.url);
    const apollo = await createApollo({ maxQueryDepth: config.maxQueryDepth, log, cache });
    const server = createHttpServer({
      apollo,
      em: database.orm.em,
      auth,
      log,
      cache,
      httpMaxAgeSeconds: config.httpCacheMaxAge,
      maxBodyBytes: config.maxBodyBytes,
      corsOrigins: config.corsOrigins,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${config.host}:${port}/graphql`,
      database,
      stop() {
        stopping ??= (async () => {
          server.closeIdleConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          log({ level: 'info', message: 'http server closed' });
          await apollo.stop();
          await cache?.close();
          await database.close();
          log({ level: 'info', message: 'database closed' });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await cache?.close();
    await database.close();
    throw error;
  }
}

/**
 * Redis when REDIS_URL is set (shared by the instances of one database: its keys are prefixed with a
 * digest of the database URL), else this process's memory.
 */
async function cacheStore(config: Config, databaseUrl: string): Promise<CacheStore> {
  const ttlSeconds = config.responseCacheTtlSeconds;
  const prefix = `revgraph:${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}:`;
  return config.redisUrl
    ? await RedisStore.connect(config.redisUrl, { ttlSeconds, prefix })
    : new MemoryStore({ maxBytes: config.responseCacheMaxMb * 1024 * 1024, ttlSeconds });
}
