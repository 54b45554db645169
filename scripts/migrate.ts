import 'reflect-metadata';
import { runScript } from '../src/db/script.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database, nothing else. */
await runScript(
  'migration failed',
  async (db) => {
    const applied = await db.orm.getMigrator().getExecutedMigrations();
    console.log(`database is at ${applied.at(-1)?.name ?? 'no migration'} (${applied.length} applied)`);
    return 0;
  },
  { seed: false },
);
