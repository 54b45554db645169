import 'reflect-metadata';
import { migratorOf } from '../src/db/orm.js';
import { runScript } from '../src/db/script.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database, nothing else. */
await runScript(
  'migration failed',
  async (db) => {
    const applied = await (await migratorOf(db.orm)).getExecutedMigrations();
    console.log(`database is at ${applied.at(-1)?.name ?? 'no migration'} (${applied.length} applied)`);
    return 0;
  },
  { seed: false },
);
