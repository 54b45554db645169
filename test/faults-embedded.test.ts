import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/db/embedded.js';
import { healthOf, openFilesOf, sleep, untilHealthy } from './fault-helpers.js';

/**
 * Fault injection on `npm start`'s own embedded PostgreSQL (test/faults.test.ts does the same on a
 * DATABASE_URL server). The API supervises its server and starts it again when it exits; to keep
 * it down for 1, 10 and 60 s the test stops it and holds its port meanwhile, so every restart
 * fails until the port is given back. It also freezes the server (SIGSTOP: a stalled disk, a
 * paused VM) for 10 s. After each: /health 200 within seconds, answers again, and the API's open
 * files, PostgreSQL connections and memory back at their baseline.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

let dir: string;
let dataDir: string;
let pgPort: number;
let api: ChildProcess;
let url: string;
let base: string;
let output = '';

function startApi(): Promise<void> {
  const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, ...env } = process.env;
  api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      STATEMENT_TIMEOUT_MS: '1500',
      REQUEST_TIMEOUT_MS: '4000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match && !url) {
        clearTimeout(timer);
        url = match[1]!;
        base = url.replace(/\/graphql$/, '');
        resolve();
      }
    };
    api.stdout!.on('data', onData);
    api.stderr!.on('data', onData);
    api.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const postmasterPid = () =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** The postmaster and its backends. */
function serverProcesses(): number[] {
  const postmaster = postmasterPid();
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Sends `name` to `pid`, unless it has exited meanwhile (a backend ending as the test collects them). */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const openFiles = () => openFilesOf(api.pid!, base);

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, 'utf8'))![1]) * 1024;

async function apiConnections(): Promise<number> {
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/postgres`,
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where application_name = 'revgraph-api'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

let distinct = 0;
/** A read the response cache cannot answer (its text is new each time): it reaches the database. */
const post = async () => {
  const n = ++distinct;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ villages(first: ${(n % 50) + 1}) { totalCount nodes { name } } q${n}: region(code: "dashuibo") { id } }`,
    }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, body: (await res.json()) as any };
};

const health = () => healthOf(base);

let baseline: { files: number; connections: number; rss: number };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'revgraph-faults-embedded-'));
  await chmod(dir, 0o755);
  dataDir = join(dir, 'data');
  pgPort = await freePort();
  await startApi();
  for (let i = 0; i < 30; i++) expect((await post()).body.errors).toBeUndefined();
  await sleep(500);
  baseline = { files: openFiles(), connections: await apiConnections(), rss: rss() };
}, 180_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    if (api.exitCode === null) api.kill('SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
}, 30_000);

/** Answers again and gives back what the fault took. */
async function expectRecovered() {
  const answered = await post();
  expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
  expect(answered.body.data.villages.totalCount).toBeGreaterThan(0);
  const started = Date.now();
  let now = { files: 0, connections: 0 };
  while (Date.now() - started < 25_000) {
    now = { files: openFiles(), connections: await apiConnections() };
    if (now.files <= baseline.files + 3 && now.connections <= baseline.connections + 1) break;
    await sleep(500);
  }
  expect(now.files).toBeLessThanOrEqual(baseline.files + 3);
  expect(now.connections).toBeLessThanOrEqual(baseline.connections + 1);
  expect(rss() - baseline.rss).toBeLessThan(150 * 1024 * 1024);
  expect(api.exitCode).toBeNull();
}

/** Binds the port as soon as the stopped server lets it go; every restart meanwhile fails. */
async function holdPort(): Promise<Server> {
  for (let i = 0; i < 1000; i++) {
    // Connections to the held port are closed at once, as a refused connection would be.
    const holder = createServer((socket) => socket.destroy());
    const bound = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false));
      holder.listen(pgPort, '127.0.0.1', () => resolve(true));
    });
    if (bound) return holder;
    await sleep(10);
  }
  throw new Error('the stopped PostgreSQL never gave its port back');
}

describe.each([1, 10, 60])('the embedded PostgreSQL stopped for %i s', (seconds) => {
  it(
    'answers coded retryable errors meanwhile; once it can start again the API starts it and recovers',
    async () => {
      const pid = postmasterPid();
      process.kill(pid, 'SIGINT');
      const holder = await holdPort();
      try {
        const down = Date.now();
        expect(await health()).toBe(503);
        const started = Date.now();
        const during = await post();
        expect(Date.now() - started).toBeLessThan(6_000);
        expect(during.body.errors?.[0]?.extensions).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          retryable: true,
        });
        while (Date.now() - down < seconds * 1000) {
          await post().catch(() => undefined);
          await sleep(250);
        }
        expect(openFiles()).toBeLessThan(baseline.files + 50);
      } finally {
        await new Promise((r) => holder.close(r));
      }
      const took = await untilHealthy(base, 20_000, () => `:\n${output.slice(-3000)}`);
      console.info(
        `embedded PostgreSQL stopped for ${seconds} s: /health 200 ${took} ms after its port was free`,
      );
      expect(took).toBeLessThan(10_000);
      expect(postmasterPid()).not.toBe(pid);
      await expectRecovered();
    },
    (seconds + 90) * 1000,
  );
});

describe('the embedded PostgreSQL frozen (SIGSTOP) for 10 s', () => {
  it('answers bounded coded errors meanwhile and recovers by itself when it thaws', async () => {
    const pids = serverProcesses();
    for (const pid of pids) signal(pid, 'SIGSTOP');
    const frozen = Date.now();
    try {
      const started = Date.now();
      expect(await health()).toBe(503);
      expect(Date.now() - started).toBeLessThan(4_000);
      // Clients keep asking, several at a time: each gets an answer within the request timeout.
      while (Date.now() - frozen < 10_000) {
        const round = Date.now();
        const answers = await Promise.all(Array.from({ length: 4 }, () => post()));
        expect(Date.now() - round).toBeLessThan(8_000);
        for (const a of answers) {
          expect(['REQUEST_TIMEOUT', 'SERVICE_UNAVAILABLE', 'COST_LIMIT_EXCEEDED']).toContain(
            a.body.errors?.[0]?.extensions?.code,
          );
        }
      }
      expect(openFiles()).toBeLessThan(baseline.files + 50);
    } finally {
      for (const pid of pids) signal(pid, 'SIGCONT');
    }
    const took = await untilHealthy(base, 20_000, () => `:\n${output.slice(-3000)}`);
    console.info(`embedded PostgreSQL frozen for 10 s: /health 200 ${took} ms after it thawed`);
    expect(took).toBeLessThan(10_000);
    await expectRecovered();
  }, 120_000);
});
