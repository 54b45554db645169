import type { MigrationObject } from '@mikro-orm/core';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { buildRegistry } from '../data/startup.js';
import { jsonLogger } from '../logger.js';
import { modules as apiModules } from '../modules/index.js';
import type { Module } from '../modules/module.js';
import { migrations as folderMigrations, type Migrations } from './migrations/index.js';

/**
 * Every migration: those of src/db/migrations and those the modules keep in their folders, in the
 * order of their names (a name's timestamp says when it was written). Throws on a name listed twice.
 */
export function migrationsOf(modules: readonly Module[] = apiModules): Migrations {
  const all: Record<string, Migrations[string]> = { ...folderMigrations };
  for (const module of modules) {
    for (const [name, load] of Object.entries(module.migrations ?? {})) {
      if (Object.hasOwn(all, name))
        throw new Error(`migration ${name} is listed twice (module ${module.name})`);
      all[name] = load;
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The names of every migration, in order (see `migrationsOf`); nothing is loaded. */
export const migrationNames = (modules: readonly Module[] = apiModules): string[] =>
  Object.keys(migrationsOf(modules));

/** Every migration with its class, loaded (see `migrationsOf`): what the migrator runs. */
export function migrationsList(modules: readonly Module[] = apiModules): Promise<MigrationObject[]> {
  return Promise.all(
    Object.entries(migrationsOf(modules)).map(async ([name, load]) => {
      const found = ((await load()) as Record<string, unknown>)[name];
      if (typeof found !== 'function')
        throw new Error(`migration ${name}: its file exports no class ${name}`);
      return { name, class: found as MigrationObject['class'] };
    }),
  );
}

/**
 * MikroORM options for a database URL: the entities of the modules (src/modules/index.ts), and
 * their migrations, explicitly; no discovery from disk. The migrations (`migrationsList`, given by
 * `migratorOf`) and the migrator are loaded only when they are needed: they import
 * `@mikro-orm/migrations`, umzug and its command line (~0.15 s of a start).
 */
export function ormOptions(
  url: string,
  opts: OrmOptions & { migrationsList?: MigrationObject[] } = {},
): Options {
  return defineConfig({
    clientUrl: url,
    entities: (opts.modules ?? apiModules).flatMap((m) => m.entities ?? []),
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    // Statements without their parameters: the values are people's names and contacts.
    debug: opts.logSql ? ['query'] : false,
    // A database that does not answer fails a request within seconds instead of holding it a minute;
    // connections a burst opened are closed after 10 s idle.
    pool: {
      min: 1,
      max: 10,
      acquireTimeoutMillis: 10_000,
      createTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
    },
    driverOptions: {
      // Knex's warnings (a pooled connection that broke) as JSON log lines like the API's own.
      log: { warn: (message: unknown) => jsonLogger({ level: 'warn', message: String(message) }) },
      connection: {
        application_name: opts.applicationName ?? 'revgraph',
        connectionTimeoutMillis: 5_000,
        ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
      },
    },
    migrations: {
      migrationsList: opts.migrationsList ?? [],
      path: 'src/db/migrations',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
  });
}

/** How the ORM's connections are set up. */
export interface OrmOptions {
  logSql?: boolean;
  /** PostgreSQL's `statement_timeout` on every connection of the pool (none when absent). */
  statementTimeoutMs?: number;
  /** `application_name` of the connections (default `revgraph`; the API's are `API_APPLICATION_NAME`). */
  applicationName?: string;
  /** The modules whose entities and migrations the ORM has (default: the API's, src/modules/index.ts). */
  modules?: readonly Module[];
}

/** The `application_name` of a running API's connections: scripts look for it (db:reset refuses). */
export const API_APPLICATION_NAME = 'revgraph-api';

/**
 * Connects, applies every pending migration and builds the read engine's registry. Migrations run
 * without the statement timeout (on an ORM of their own when one is set): building an index on a
 * large table may take longer.
 */
export async function openOrm(url: string, opts: OrmOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(url, opts));
  try {
    if (await migrationPending(orm, migrationNames(opts.modules))) {
      const untimed = opts.statementTimeoutMs
        ? await MikroORM.init(ormOptions(url, { ...opts, statementTimeoutMs: undefined }))
        : orm;
      try {
        await (await migratorOf(untimed, opts.modules)).up();
      } finally {
        if (untimed !== orm) await untimed.close();
      }
    }
  } catch (error) {
    await orm.close();
    throw error;
  }
  // The read engine's registry is built from the same modules and this ORM's metadata: whoever
  // opens the database (the API, a script, a test) can read through it, none can forget to.
  buildRegistry(opts.modules ?? apiModules, orm.getMetadata());
  return orm;
}

/** The ORM's migrator, with every migration of `modules` (see `migrationsOf`; loaded on first use). */
export async function migratorOf(orm: MikroORM, modules: readonly Module[] = apiModules) {
  const list = await migrationsList(modules);
  orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList: list });
  return orm.migrator;
}

/**
 * Whether a migration is not recorded as applied (or the table of applied migrations is missing).
 * On an up-to-date database, the usual start, this spares loading the migrations and the migrator.
 */
async function migrationPending(orm: MikroORM, names: readonly string[]): Promise<boolean> {
  const connection = orm.em.getConnection();
  const [{ present }] = await connection.execute<{ present: boolean }[]>(
    "select to_regclass('mikro_orm_migrations') is not null as present",
  );
  if (!present) return true;
  const applied = new Set(
    (await connection.execute<{ name: string }[]>('select name from mikro_orm_migrations')).map(
      (r) => r.name,
    ),
  );
  return names.some((name) => !applied.has(name));
}
