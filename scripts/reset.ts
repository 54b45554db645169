import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { seedIfEmpty } from '../src/db/database.js';
import { API_APPLICATION_NAME, migratorOf } from '../src/db/orm.js';
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
    const [{ n }] = await db.orm.em
      .getConnection()
      .execute<{ n: number }[]>(
        'select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ?',
        [API_APPLICATION_NAME],
      );
    if (n > 0) {
      console.error('db:reset refuses while the API runs on this database: stop it (Ctrl-C) first.');
      return 2;
    }
    await db.orm.em.getConnection().execute('drop schema public cascade; create schema public;');
    await (await migratorOf(db.orm)).up();
    await seedIfEmpty(db.orm);
    console.log('database reset: migrations applied and the demo dataset loaded');
    return 0;
  },
  { seed: false },
);
