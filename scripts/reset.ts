import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { seedIfEmpty } from '../src/db/database.js';
import { migratorOf } from '../src/db/orm.js';
import { runScript } from '../src/db/script.js';

/**
 * `npm run db:reset`: drops every table, applies the migrations and loads the demo dataset again.
 * On a DATABASE_URL (not the embedded database) it asks for `-- --yes`, since it deletes all data.
 */
if (loadConfig().databaseUrl && !process.argv.includes('--yes')) {
  console.error('db:reset deletes every table of DATABASE_URL; run `npm run db:reset -- --yes` to confirm.');
  process.exit(2);
}
await runScript(
  'reset failed',
  async (db) => {
    await db.orm.em.getConnection().execute('drop schema public cascade; create schema public;');
    await (await migratorOf(db.orm)).up();
    await seedIfEmpty(db.orm);
    console.log('database reset: migrations applied and the demo dataset loaded');
    return 0;
  },
  { seed: false },
);
