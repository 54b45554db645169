import type { MikroORM } from '@mikro-orm/postgresql';
import { type EmbeddedDatabase, type EmbeddedRole, startEmbeddedPostgres } from './embedded.js';
import { API_APPLICATION_NAME, openOrm } from './orm.js';
import { seedDemo } from './seed/demo.js';

/** An open database: migrated, and seeded with the demo dataset when it was empty. */
export interface Database {
  orm: MikroORM;
  url: string;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/** Loads the demo dataset when the database holds no region yet; true when it did. */
export async function seedIfEmpty(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em
    .getConnection()
    .execute<{ n: number }[]>('select count(*)::int as n from region');
  if ((row?.n ?? 0) > 0) return false;
  await orm.em.fork().transactional(async (em) => {
    // The dataset is loaded in large statements; the API's statement timeout is for requests.
    await em.execute('set local statement_timeout = 0');
    await seedDemo(em);
  });
  return true;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in `dataDir`; applies pending
 * migrations; loads the demo dataset into an empty database when `seed` is set.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  embeddedPort?: number;
  seed: boolean;
  logSql?: boolean;
  /** PostgreSQL's statement_timeout for every statement of this process (the API's requests). */
  statementTimeoutMs?: number;
  log?: (message: string) => void;
  /** An embedded PostgreSQL already starting (main.ts starts it while the modules load). */
  embedded?: Promise<EmbeddedDatabase>;
  /** Who opens it: a script uses the embedded server of a running API instead of starting its own. */
  role?: EmbeddedRole;
}): Promise<Database> {
  const embedded = options.databaseUrl
    ? undefined
    : await (options.embedded ??
        startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort, role: options.role }));
  const url = options.databaseUrl ?? embedded!.url;
  try {
    const orm = await openOrm(url, {
      logSql: options.logSql,
      statementTimeoutMs: options.statementTimeoutMs,
      applicationName: options.role === 'script' ? 'revgraph-script' : API_APPLICATION_NAME,
    });
    if (options.seed && (await seedIfEmpty(orm))) options.log?.('loaded the demo dataset');
    return {
      orm,
      url,
      embedded,
      async close() {
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
