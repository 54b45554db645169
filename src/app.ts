import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { loadSecret } from './modules/user/auth.js';
import { createApollo, createHttpServer, type Logger } from './server.js';

/** A running API: its URL and how to stop it (HTTP server, Apollo, database, embedded PostgreSQL). */
export interface App {
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/** Boots the API: database (embedded or DATABASE_URL) → migrations → demo data → HTTP server. */
export async function startApp(config: Config, log: Logger): Promise<App> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPgPort,
    seed: config.seedDemo,
    logSql: config.logSql,
    log: (message) => log({ level: 'info', message }),
  });
  try {
    const auth = {
      secret: await loadSecret(config.jwtSecret, config.dataDir),
      tokenTtlSeconds: config.tokenTtlSeconds,
      failureDelayMs: config.loginFailureDelayMs,
    };
    const apollo = await createApollo({ maxQueryDepth: config.maxQueryDepth, log });
    const server = createHttpServer({ apollo, em: database.orm.em, auth, log });
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
          await database.close();
          log({ level: 'info', message: 'database closed' });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
