import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { openDatabase, seedIfEmpty } from '../src/db/database.js';

/**
 * `npm run db:reset`: drops every table, applies the migrations and loads the demo dataset again.
 * On a DATABASE_URL (not the embedded database) it asks for `-- --yes`, since it deletes all data.
 */
const config = loadConfig();
if (config.databaseUrl && !process.argv.includes('--yes')) {
  console.error('db:reset deletes every table of DATABASE_URL; run `npm run db:reset -- --yes` to confirm.');
  process.exit(2);
}
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, seed: false });
await db.orm.em.getConnection().execute('drop schema public cascade; create schema public;');
await db.orm.getMigrator().up();
await seedIfEmpty(db.orm);
console.log('database reset: migrations applied and the demo dataset loaded');
await db.close();
