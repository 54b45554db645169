import 'reflect-metadata';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database, nothing else. */
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, seed: false });
const applied = await db.orm.getMigrator().getExecutedMigrations();
console.log(`database is at ${applied.at(-1)?.name ?? 'no migration'} (${applied.length} applied)`);
await db.close();
