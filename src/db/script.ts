import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from './database.js';

/**
 * Runs a command-line script against the configured database (DATABASE_URL or the embedded one; the
 * embedded server of an API running on the same DATA_DIR when there is one, never stopping it):
 * opens it (loading the demo dataset into an empty one unless `seed: false`), runs `work`, prints
 * `<failure>: <reason>` on an error, closes it, and exits with the code `work` returned (1 on an error).
 */
export async function runScript(
  failure: string,
  work: (db: Database, config: Config) => Promise<number | undefined>,
  options: { seed?: boolean } = {},
) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // A wrong setting is the operator's to fix: its message alone, as `npm start` prints it.
    console.error(`${failure}: ${(error as Error).message}`);
    process.exit(1);
  }
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: options.seed ?? config.seedDemo,
    role: 'script',
  }).catch((error: Error) => {
    console.error(`${failure}: ${error.message}`);
    process.exit(1);
  });
  let exitCode = 0;
  try {
    exitCode = (await work(db, config)) ?? 0;
  } catch (error) {
    console.error(`${failure}: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    await db.close();
  }
  process.exit(exitCode);
}
