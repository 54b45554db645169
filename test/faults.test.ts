import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded.js';
import { healthOf, openFilesOf, sleep, untilHealthy } from './fault-helpers.js';

/**
 * Fault injection: the API runs on a PostgreSQL of its own (given as DATABASE_URL) that the test
 * stops and starts again, whose backends it kills, and whose pool it fills with slow statements.
 * After each fault the API must come back by itself — /health 200 within seconds of the database's
 * return, requests answered — and give back what it took: open files, PostgreSQL connections and
 * memory return to their baseline.
 */
let dir: string;
let dataDir: string;
let port: number;
let server: EmbeddedDatabase | undefined;
let app: App;
let base: string;
const logged: Record<string, unknown>[] = [];

const openFiles = () => openFilesOf('self', base);

async function startServer() {
  server = await startEmbeddedPostgres({ dataDir, port, ephemeral: true, role: 'script' });
  return server;
}

/** Connections of the API to its database (the test's own checks use a short-lived client). */
async function apiConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const post = async (query: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const READ = '{ villages(first: 5) { totalCount nodes { name } } }';

const health = () => healthOf(base);

let baseline: { files: number; connections: number; rss: number };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'revgraph-faults-'));
  await chmod(dir, 0o755);
  dataDir = join(dir, 'data');
  port = await freePort();
  await startServer();
  app = await startApp(
    loadConfig({
      DATABASE_URL: server!.url,
      HOST: '127.0.0.1',
      PORT: '0',
      JWT_SECRET: 'faults-test-secret-faults-test-secret-0123',
      STATEMENT_TIMEOUT_MS: '1500',
    }),
    (e) => logged.push(e),
  );
  base = app.url.replace(/\/graphql$/, '');
  // Warm up: first compilations, the pool's connections.
  for (let i = 0; i < 20; i++) expect((await post(READ)).body.errors).toBeUndefined();
  await sleep(500);
  baseline = { files: openFiles(), connections: await apiConnections(), rss: process.memoryUsage().rss };
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

let renames = 0;

/**
 * After a fault: answers again (from the response cache too, which a write by another process still
 * empties: the change listener is back), and gives back files, connections and memory.
 */
async function expectRecovered() {
  const answered = await post(READ);
  expect(answered.body.errors).toBeUndefined();
  expect(answered.body.data.villages.totalCount).toBeGreaterThan(0);
  const query = '{ themes(first: 1, orderBy: [{ field: CODE }]) { nodes { code name(locale: EN) } } }';
  const cached = async () =>
    (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
    ).json() as Promise<any>;
  await cached();
  const name = `Renamed ${++renames}`;
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  const [first] = (await cached()).data.themes.nodes;
  await client.query('update theme set name_en = $1 where code = $2', [name, first.code]);
  await client.end();
  let seen = '';
  for (let i = 0; i < 40 && seen !== name; i++) {
    seen = (await cached()).data.themes.nodes[0].name;
    if (seen !== name) await sleep(250);
  }
  expect(seen).toBe(name);
  // Connections a burst opened are closed after 10 s idle: wait for files and connections to settle.
  const started = Date.now();
  let now = { files: 0, connections: 0 };
  while (Date.now() - started < 25_000) {
    now = { files: openFiles(), connections: await apiConnections() };
    if (now.files <= baseline.files + 3 && now.connections <= baseline.connections + 1) break;
    await sleep(500);
  }
  expect(now.files).toBeLessThanOrEqual(baseline.files + 3);
  expect(now.connections).toBeLessThanOrEqual(baseline.connections + 1);
  expect(process.memoryUsage().rss - baseline.rss).toBeLessThan(150 * 1024 * 1024);
}

describe.each([1, 10, 60])('PostgreSQL stopped for %i s and started again', (seconds) => {
  it(
    'answers coded retryable errors meanwhile, then recovers by itself',
    async () => {
      await server!.stop();
      const down = Date.now();
      // While it is away: /health says so quickly, requests get a coded error within bounded time.
      expect(await health()).toBe(503);
      const started = Date.now();
      const during = await post(READ);
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(during.body.errors?.[0]?.extensions?.code, JSON.stringify(logged.slice(-3))).toBe(
        'SERVICE_UNAVAILABLE',
      );
      const signedIn = await post(READ, { authorization: 'Bearer x.y.z' });
      expect([401, 503]).toContain(signedIn.status);
      // Keep asking during the outage, as clients do.
      while (Date.now() - down < seconds * 1000) {
        await post(READ);
        await sleep(250);
      }
      expect(openFiles()).toBeLessThan(baseline.files + 50);
      await startServer();
      const took = await untilHealthy(base, 15_000);
      expect(took).toBeLessThan(10_000);
      await expectRecovered();
    },
    (seconds + 60) * 1000,
  );
});

describe('other faults', () => {
  it('a write cut off half-way commits nothing, answers a retryable code, and succeeds when retried', async () => {
    const { userService } = await import('../src/modules/user/user.service.js');
    const { issueToken, loadSecret } = await import('../src/modules/user/auth.js');
    const user = await userService.create(app.database.orm.em.fork(), {
      email: 'faults-admin@tests.example',
      password: 'a long test password',
      role: 'ADMIN' as never,
    });
    const secret = await loadSecret('faults-test-secret-faults-test-secret-0123', dataDir);
    const { token } = await issueToken(
      { secret, tokenTtlSeconds: 600, failureDelayMs: 0 },
      user.id,
      user.tokenVersion,
    );
    const create = () =>
      post(
        'mutation { createOrganization(input: { kind: COMPANY, nameZh: "断线公司", nameEn: "Cut-off Ltd" }) { organization { id } userErrors { code } } }',
        { authorization: `Bearer ${token}` },
      );
    const count = async () => {
      const client = new pg.Client({ connectionString: server!.url });
      await client.connect();
      const { rows } = await client.query(
        `select (select count(*)::int from organization where name_zh = '断线公司') as orgs,
                (select count(*)::int from audit_log where object_type = 'Organization' and changes::text like '%断线公司%') as audits`,
      );
      await client.end();
      return rows[0];
    };
    // Both tables locked: the write's transaction blocks at its first insert, whichever comes first.
    const locker = new pg.Client({ connectionString: server!.url });
    await locker.connect();
    await locker.query('begin; lock table organization, audit_log in share mode');
    const pending = create();
    const killer = new pg.Client({ connectionString: server!.url });
    await killer.connect();
    for (let i = 0; i < 50; i++) {
      const { rows } = await killer.query(
        `select pg_terminate_backend(pid) as killed from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
      );
      if (rows.length) break;
      await sleep(100);
    }
    await killer.end();
    const cut = await pending;
    await locker.query('rollback');
    await locker.end();
    expect(cut.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(await count()).toEqual({ orgs: 0, audits: 0 });
    const retried = await create();
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data.createOrganization.organization.id).toBeTruthy();
    expect(await count()).toEqual({ orgs: 1, audits: 1 });
  });

  it('recovers when every backend of the API is killed', async () => {
    const client = new pg.Client({ connectionString: server!.url });
    await client.connect();
    await client.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    await client.end();
    // Requests may fail once on a killed pooled connection, coded; then answer again.
    for (let i = 0; i < 3; i++) {
      const r = await post(READ);
      if (r.body.errors) expect(r.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    await untilHealthy(base, 10_000);
    await expectRecovered();
  });

  it('stops statements that fill the pool past the statement timeout, and answers again', async () => {
    // A long lock makes every read of villages wait: twenty requests fill the pool of ten.
    const locker = new pg.Client({ connectionString: server!.url });
    await locker.connect();
    await locker.query('begin; lock table village in access exclusive mode');
    const started = Date.now();
    const slow = await Promise.all(Array.from({ length: 20 }, () => post(READ)));
    await locker.query('rollback');
    await locker.end();
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const r of slow) {
      expect(['COST_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE']).toContain(r.body.errors?.[0]?.extensions?.code);
    }
    await untilHealthy(base, 5_000);
    await expectRecovered();
  });
});
