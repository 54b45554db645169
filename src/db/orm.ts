import type { MigrationObject } from '@mikro-orm/core';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { MIGRATION_NAMES } from './migrations/names.js';

/**
 * MikroORM options for a database URL: explicit entity list and migration list, no discovery from
 * disk. The migrations (`migrationsList`, given by `migratorOf`) and the migrator are loaded only when
 * they are needed: they import `@mikro-orm/migrations`, umzug and its command line (~0.15 s of a
 * start).
 */
export function ormOptions(
  url: string,
  opts: { logSql?: boolean; migrationsList?: MigrationObject[] } = {},
): Options {
  return defineConfig({
    clientUrl: url,
    entities,
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    // Statements without their parameters: the values are people's names and contacts.
    debug: opts.logSql ? ['query'] : false,
    pool: { min: 1, max: 10 },
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

/** Connects and applies every pending migration. */
export async function openOrm(url: string, opts: { logSql?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(url, opts));
  if (await migrationPending(orm)) await (await migratorOf(orm)).up();
  return orm;
}

/** The ORM's migrator, with every migration of `src/db/migrations` (loaded on first use). */
export async function migratorOf(orm: MikroORM) {
  const { migrationsList } = await import('./migrations/index.js');
  orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList });
  return orm.migrator;
}

/**
 * Whether a migration is not recorded as applied (or the table of applied migrations is missing).
 * On an up-to-date database, the usual start, this spares loading the migrations and the migrator.
 */
async function migrationPending(orm: MikroORM): Promise<boolean> {
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
  return MIGRATION_NAMES.some((name) => !applied.has(name));
}
