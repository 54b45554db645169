import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { StartupRefusal } from './lib/refusal.js';
import { jsonLogger } from './logger.js';

/** `npm start`: runs the API until SIGINT/SIGTERM, then stops everything it started. */
async function main() {
  const config = loadConfig();
  // PostgreSQL starts in its own process while this one loads the modules of the API.
  const embedded = config.databaseUrl
    ? undefined
    : startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  embedded?.catch(() => {});
  const { startApp } = await import('./app.js');
  const app = await startApp(config, jsonLogger, { embedded });
  console.log(`Revitalization graph API ready at ${app.url}`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) return;
    jsonLogger({ level: 'info', message: `${signal} received, stopping` });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error) => {
        jsonLogger({ level: 'error', message: 'shutdown failed', stack: (error as Error).stack });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A wrapper (npm, a shell) killed without passing the signal on leaves us orphaned: stop then too,
  // so neither the API nor its embedded PostgreSQL outlives whoever started it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('parent exit');
  }, 1000).unref();
}

main().catch((error) => {
  // A refusal the operator can act on is one line; anything else is a fault, printed with its stack.
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof StartupRefusal) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
