import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

/** MikroORM options for a database URL: explicit entity list and migration list, no discovery from disk. */
export function ormOptions(url: string, opts: { logSql?: boolean } = {}): Options {
  return defineConfig({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    debug: opts.logSql ? ['query', 'query-params'] : false,
    pool: { min: 1, max: 10 },
    migrations: {
      migrationsList,
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
  await orm.getMigrator().up();
  return orm;
}
