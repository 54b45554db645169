import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedIfEmpty } from '../src/db/database.js';
import { buildManifest, MANIFEST_FILE, manifestText } from '../src/graphql/allow-list.js';
import { getSchema } from '../src/graphql/schema.js';
import { issueToken } from '../src/modules/user/auth.js';
import { AppUser, Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';
import { openTestOrm, scratchDatabase, sqlOn, testAuth } from './helpers.js';

/**
 * Subscriptions end to end: graphql-ws's client (and graphql-sse's protocol over fetch) against a
 * running API on a database of this file's own, written through the API and through plain SQL.
 */

const SECRET = 'test-secret-test-secret-test-secret-0123';
const ALLOWED_ORIGIN = 'http://showcase.example';
const db = scratchDatabase('live');
let orm: MikroORM;
let app: App;
let official: string;

/** Ports for the servers this file starts: LIVE_TEST_PORTS ("4640-4649") when set, else any free one. */
const ports = (() => {
  const [from, to] = (process.env.LIVE_TEST_PORTS ?? '').split('-').map(Number);
  let next = from ?? 0;
  return () => (from && to && next <= to ? String(next++) : '0');
})();

async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<App> {
  return startApp(
    loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: ports(),
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      JWT_SECRET: SECRET,
      LIVE_DEBOUNCE_MS: '100',
      SUBSCRIPTIONS_PER_CONNECTION: '3',
      CONNECTIONS_PER_CLIENT: '6',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      RATE_LIMIT_POINTS: '0',
      LIVE_RECHECK_SECONDS: '1',
      ...env,
    }),
    () => {},
  );
}

const wsUrl = (a: App) => a.url.replace(/^http/, 'ws');
const sql = (statement: string) => sqlOn(db.url, [statement]).then(([rows]) => rows!);

async function post(a: App, query: string, variables: object = {}, token?: string) {
  const res = await fetch(a.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

async function tokenOf(name: string, role: Role, regionCode?: string, ttlSeconds = 600): Promise<string> {
  const email = `${name}@tests.example`;
  let user = await orm.em.fork().findOne(AppUser, { email });
  user ??= await userService.create(orm.em.fork(), {
    email,
    password: 'a long test password',
    role,
    regionCode,
  });
  return (await issueToken({ ...testAuth, tokenTtlSeconds: ttlSeconds }, user.id, user.tokenVersion)).token;
}

const clients: Client[] = [];
function client(a: App, token?: string, options: { origin?: string } = {}): Client {
  const c = createClient({
    url: wsUrl(a),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols: string | string[]) {
        super(url, protocols, { headers: options.origin ? { origin: options.origin } : {} });
      }
    },
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
  clients.push(c);
  return c;
}

/** A subscription's results as they arrive, and ways to wait for them. */
function follow(
  c: Client,
  query: string,
  variables: Record<string, unknown> = {},
  extensions?: Record<string, unknown>,
) {
  const state = { results: [] as any[], error: undefined as any, completed: false };
  const dispose = c.subscribe(
    { query, variables, extensions },
    {
      next: (r) => void state.results.push(r),
      error: (e) => {
        state.error = e;
      },
      complete: () => {
        state.completed = true;
      },
    },
  );
  const waitFor = async <T>(check: () => T | undefined, what: string, ms = 8_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > until)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(state).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    ...state,
    get results() {
      return state.results;
    },
    dispose,
    /** The first result from index `from` on that meets `test`. */
    next: (test: (r: any) => boolean = () => true, from = 0, ms?: number) =>
      waitFor(() => state.results.slice(from).find(test), 'a result', ms),
    /** The errors (or close event) the subscription ended with. */
    failure: () => waitFor(() => state.error, 'an error'),
    completion: () => waitFor(() => (state.completed ? true : undefined), 'completion'),
  };
}

const DASHBOARD = `subscription Live($town: String!) {
  regionStatsChanged(code: $town) { id code stats { houses { total transferred } talents { total } villages { total } } }
}`;
const DASHBOARD_QUERY = `query($town: String!) {
  regionStatsChanged: region(code: $town) { id code stats { houses { total transferred } talents { total } villages { total } } }
}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await db.create();
  orm = await openTestOrm(db.url.toString());
  await seedIfEmpty(orm);
  app = await start(db.url.toString());
  official = await tokenOf('live-official', Role.OFFICIAL, 'dashuibo');
}, 120_000);

// Each test's connections are closed after it: they count against CONNECTIONS_PER_CLIENT.
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await sleep(50);
});

afterAll(async () => {
  await app?.stop();
  await orm?.close();
  await db.drop();
});

/** The events of a graphql-sse stream (distinct connections) as they arrive. */
async function stream(a: App, query: string, variables: object, token?: string) {
  const controller = new AbortController();
  const res = await fetch(`${a.url}/stream`, {
    method: 'POST',
    signal: controller.signal,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const events: { event: string; data: any }[] = [];
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      let buffer = '';
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event) events.push({ event, data: data ? JSON.parse(data) : null });
          }
        }
      } catch {}
    })();
  }
  const until = async (test: (e: { event: string; data: any }) => boolean, from = 0) => {
    for (let i = 0; i < 400; i++) {
      const found = events.slice(from).find(test);
      if (found) return found;
      await sleep(20);
    }
    throw new Error(`no such event in ${JSON.stringify(events)}`);
  };
  return { res, events, until, close: () => controller.abort() };
}

describe('regionStatsChanged', () => {
  it('sends the current figures, then the figures after a write through the API and one by SQL', async () => {
    const live = follow(client(app), DASHBOARD, { town: 'dashuibo' });
    const first = await live.next();
    expect(first.data).toEqual((await post(app, DASHBOARD_QUERY, { town: 'dashuibo' })).data);
    const houses = first.data.regionStatsChanged.stats.houses;

    const [village] = await sql(
      "select v.id from village v join region r on r.id = v.town_id where r.code = 'dashuibo' order by v.name_zh limit 1",
    );
    const villageId = Buffer.from(`Village:${village.id}`).toString('base64url');
    const created = await post(
      app,
      'mutation($input: CreateRuralHouseInput!) { createRuralHouse(input: $input) { ruralHouse { id } userErrors { code } } }',
      { input: { villageId, address: `直播路${randomUUID().slice(0, 8)}号`, floorAreaM2: '90' } },
      official,
    );
    expect(created.data.createRuralHouse.userErrors).toEqual([]);
    const afterApi = await live.next(
      (r) => r.data.regionStatsChanged.stats.houses.total === houses.total + 1,
    );
    expect(afterApi.data).toEqual((await post(app, DASHBOARD_QUERY, { town: 'dashuibo' })).data);

    const from = live.results.length;
    await sql(`update rural_house set status = 'TRANSFERRED' where id = (
      select h.id from rural_house h join village v on v.id = h.village_id join region r on r.id = v.town_id
      where r.code = 'dashuibo' and h.status = 'IDLE' and h.archived_at is null order by h.id limit 1)`);
    const afterSql = await live.next(
      (r) => r.data.regionStatsChanged.stats.houses.transferred === houses.transferred + 1,
      from,
    );
    expect(afterSql.data).toEqual((await post(app, DASHBOARD_QUERY, { town: 'dashuibo' })).data);
    // Each change was sent once: no answer equal to the one before it.
    for (let i = 1; i < live.results.length; i++) expect(live.results[i]).not.toEqual(live.results[i - 1]);
    live.dispose();
  });

  it('reads the figures once for any number of subscribers of one operation and visibility', async () => {
    const anonymous = client(app);
    const subs = [1, 2, 3].map(() => follow(anonymous, DASHBOARD, { town: 'dashuibo' }));
    const other = follow(client(app), DASHBOARD, { town: 'dashuibo' });
    const signedIn = follow(client(app, official), DASHBOARD, { town: 'dashuibo' });
    await Promise.all([...subs, other, signedIn].map((s) => s.next()));
    expect(app.live!.hub.size).toEqual({ queries: 2, subscribers: 5 });
    for (const s of [...subs, other, signedIn]) s.dispose();
    await sleep(100);
    expect(app.live!.hub.size).toEqual({ queries: 0, subscribers: 0 });
  });

  it('answers NOT_FOUND for a region that does not exist, over a connection that stays usable', async () => {
    const c = client(app);
    const missing = follow(c, DASHBOARD, { town: 'nowhere' });
    const [error] = await missing.failure();
    expect(error.extensions.code).toBe('NOT_FOUND');
    const live = follow(c, DASHBOARD, { town: 'dashuibo' });
    expect((await live.next()).data.regionStatsChanged.code).toBe('dashuibo');
    live.dispose();
  });
});

describe('villageChanged', () => {
  const VILLAGE = `subscription($slug: String!) { villageChanged(slug: $slug) { id slug version description(locale: EN) } }`;

  it('sends the village, its changes, then null and the end when it is archived', async () => {
    const name = `直播村${randomUUID().slice(0, 8)}`;
    await sql(`insert into village (town_id, name_zh, name_en, description_en)
      select id, '${name}', 'Live village', 'before' from region where code = 'dashuibo'`);
    const [row] = await sql(`select id, slug from village where name_zh = '${name}'`);
    const live = follow(client(app), VILLAGE, { slug: row.slug });
    const first = (await live.next()).data.villageChanged;
    expect(first).toMatchObject({ slug: row.slug, description: 'before' });

    const admin = await tokenOf('live-admin', Role.ADMIN);
    const updated = await post(
      app,
      'mutation($input: UpdateVillageInput!) { updateVillage(input: $input) { userErrors { code } } }',
      { input: { id: first.id, version: first.version, descriptionEn: 'after' } },
      admin,
    );
    expect(updated.data.updateVillage.userErrors).toEqual([]);
    await live.next((r) => r.data.villageChanged?.description === 'after');

    // A write to another table that leaves the answer as it was sends nothing.
    const count = live.results.length;
    await sql("update theme set name_en = name_en where code = 'tea'");
    await sleep(600);
    expect(live.results.length).toBe(count);

    await sql(`update village set archived_at = now() where id = '${row.id}'`);
    await live.next((r) => r.data.villageChanged === null);
    await live.completion();
  });

  it('shows private fields only to a viewer who may read them', async () => {
    const [village] = await sql(`select v.slug from village v join rural_house h on h.village_id = v.id
      join region r on r.id = v.town_id where r.code = 'dashuibo' and h.owner_household is not null limit 1`);
    const HOUSES = `subscription($slug: String!) { villageChanged(slug: $slug) { houses(first: 50) { nodes { ownerHousehold } } } }`;
    const owners = (r: any) => r.data.villageChanged.houses.nodes.map((n: any) => n.ownerHousehold);
    const anonymous = follow(client(app), HOUSES, { slug: village.slug });
    const signedIn = follow(client(app, official), HOUSES, { slug: village.slug });
    expect(owners(await anonymous.next()).every((o: unknown) => o === null)).toBe(true);
    expect(owners(await signedIn.next()).some((o: unknown) => typeof o === 'string')).toBe(true);
    anonymous.dispose();
    signedIn.dispose();
  });
});

describe('refusals', () => {
  it('answers bad operations with coded errors and keeps the connection', async () => {
    const c = client(app);
    const cases: [string, Record<string, unknown>, string][] = [
      ['subscription { regionStatsChanged(code: "dashuibo") { nope } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['subscription {', {}, 'GRAPHQL_PARSE_FAILED'],
      ['{ regions(first: 1) { totalCount } }', {}, 'BAD_REQUEST'],
      [DASHBOARD, { town: 42 }, 'BAD_USER_INPUT'],
      [DASHBOARD, {}, 'BAD_USER_INPUT'],
      [
        'subscription { regionStatsChanged(code: "dashuibo") { children(first: 100) { nodes { stats { talents { total } } } } } }',
        {},
        'COST_LIMIT_EXCEEDED',
      ],
      [
        `subscription { regionStatsChanged(code: "dashuibo") { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`,
        {},
        'COST_LIMIT_EXCEEDED',
      ],
      [
        'subscription { a: regionStatsChanged(code: "x") { id } b: villageChanged(slug: "y") { id } }',
        {},
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['subscription { villageChanged(slug: "\\u0000") { id } }', {}, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of cases) {
      const errors = await follow(c, query, variables).failure();
      expect(errors[0]?.extensions?.code, query).toBe(code);
      expect(JSON.stringify(errors)).not.toMatch(/stack|http/);
    }
    const live = follow(c, DASHBOARD, { town: 'dashuibo' });
    expect((await live.next()).data.regionStatsChanged.code).toBe('dashuibo');
    live.dispose();
  });

  it('refuses a subscription sent as a plain HTTP request', async () => {
    const answer = await post(app, DASHBOARD, { town: 'dashuibo' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(answer.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('caps the subscriptions of a connection', async () => {
    const c = client(app);
    const held = [1, 2, 3].map(() => follow(c, DASHBOARD, { town: 'dashuibo' }));
    await Promise.all(held.map((s) => s.next()));
    const [error] = await follow(c, DASHBOARD, { town: 'dashuibo' }).failure();
    expect(error.extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      limit: 'SUBSCRIPTIONS_PER_CONNECTION',
    });
    held[0]!.dispose();
    const again = follow(c, DASHBOARD, { town: 'dashuibo' });
    await again.next();
    for (const s of [...held, again]) s.dispose();
  });

  it('caps the connections of a client address', async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await sleep(200);
    const open = async () => {
      const ws = new WebSocket(wsUrl(app), 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      await new Promise((resolve) => ws.once('open', resolve));
      return { ws, closed };
    };
    const sockets = [];
    for (let i = 0; i < 6; i++) sockets.push(await open());
    const refused = await open();
    expect(await refused.closed).toMatchObject({
      code: 4429,
      reason: expect.stringMatching(/CONNECTIONS_PER_CLIENT/),
    });
    // So are event streams, counted with the sockets.
    const stream = await fetch(`${app.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: DASHBOARD, variables: { town: 'dashuibo' } }),
    });
    expect(stream.status).toBe(429);
    sockets[0]!.ws.close();
    await sockets[0]!.closed;
    const another = await open();
    another.ws.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => another.ws.once('message', resolve));
    for (const s of [...sockets, another]) s.ws.close();
    await Promise.all([...sockets, another].map((s) => s.closed));
  });

  it('closes on messages that break the protocol', async () => {
    const closeAfter = async (...messages: string[]) => {
      const ws = new WebSocket(wsUrl(app), 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('open', resolve));
      for (const m of messages) ws.send(m);
      return closed;
    };
    const init = JSON.stringify({ type: 'connection_init' });
    const subscribe = JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: DASHBOARD, variables: { town: 'dashuibo' } },
    });
    expect(await closeAfter('not json')).toBe(4400);
    expect(await closeAfter(JSON.stringify({ type: 'subscribe', id: 1, payload: {} }))).toBe(4400);
    expect(await closeAfter(subscribe)).toBe(4401);
    expect(await closeAfter(init, init)).toBe(4429);
    // A second subscription under an id in use (once the connection is acknowledged).
    const ws = new WebSocket(wsUrl(app), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(init);
    await new Promise((resolve) => ws.once('message', resolve));
    ws.send(subscribe);
    ws.send(subscribe);
    expect(await closed).toBe(4409);
    // No subprotocol (graphql-transport-ws) asked for.
    const wrong = new WebSocket(wsUrl(app));
    expect(await new Promise((resolve) => wrong.once('close', resolve))).toBe(4406);
    const elsewhere = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(app).replace('/graphql', '/other'), 'graphql-transport-ws');
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(elsewhere).toBe(404);
  });

  it('refuses pages of origins CORS_ORIGINS does not list, before any WebSocket opens', async () => {
    const refusal = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(app), 'graphql-transport-ws', {
        headers: { origin: 'http://evil.example' },
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => reject(new Error('opened')));
    });
    expect(refusal).toBe(403);
    const live = follow(client(app, undefined, { origin: ALLOWED_ORIGIN }), DASHBOARD, { town: 'dashuibo' });
    await live.next();
    live.dispose();
  });

  it('closes on a message over LIVE_MAX_MESSAGE_BYTES, and on a bad, expired or revoked token', async () => {
    const closeOf = async (init: object, then?: object) => {
      const ws = new WebSocket(wsUrl(app), 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify(init));
      if (then) ws.send(JSON.stringify(then));
      return closed;
    };
    const huge = { id: '1', type: 'subscribe', payload: { query: `subscription { ${' '.repeat(70_000)} }` } };
    expect((await closeOf({ type: 'connection_init' }, huge)).code).toBe(1009);
    expect(
      await closeOf({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }),
    ).toMatchObject({ code: 4401, reason: expect.stringMatching(/invalid or has expired/) });
    expect(await closeOf({ type: 'connection_init', payload: { authorization: 42 } })).toMatchObject({
      code: 4401,
    });
    const revoked = await tokenOf('live-revoked', Role.OFFICIAL, 'dashuibo');
    const revoking = closeOf({ type: 'connection_init', payload: { authorization: `Bearer ${revoked}` } });
    await sleep(300);
    await sql(
      `update app_user set token_version = token_version + 1 where email = 'live-revoked@tests.example'`,
    );
    expect(await revoking).toMatchObject({ code: 4401, reason: expect.stringMatching(/revoked/) });
    const shortLived = await tokenOf('live-short', Role.OFFICIAL, 'dashuibo', 2);
    const started = Date.now();
    const expired = await closeOf({
      type: 'connection_init',
      payload: { authorization: `Bearer ${shortLived}` },
    });
    expect(expired).toMatchObject({ code: 4401, reason: expect.stringMatching(/expired/) });
    expect(Date.now() - started).toBeGreaterThan(500);
  });
});

describe('ALLOW_LIST=1', () => {
  let listed: App;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-ops-'));
    await writeFile(join(dir, 'Live.graphql'), DASHBOARD);
    await writeFile(join(dir, MANIFEST_FILE), manifestText(await buildManifest(dir, await getSchema())));
    listed = await start(db.url.toString(), { ALLOW_LIST: '1', OPERATIONS_DIR: dir });
  });
  afterAll(async () => {
    await listed?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets anonymous callers subscribe with registered operations only, by text or by id', async () => {
    const c = client(listed);
    expect((await follow(c, DASHBOARD, { town: 'dashuibo' }).next()).data.regionStatsChanged.code).toBe(
      'dashuibo',
    );
    const [registered] = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')).operations;
    const persistedQuery = { version: 1, sha256Hash: registered.id };
    const byId = follow(c, '', { town: 'dashuibo' }, { persistedQuery });
    expect((await byId.next()).data.regionStatsChanged.code).toBe('dashuibo');
    const [noText] = await follow(c, '', { town: 'dashuibo' }).failure();
    expect(noText.extensions.code).toBe('BAD_REQUEST');
    const [refused] = await follow(
      c,
      'subscription { villageChanged(slug: "dong-shan-cun") { id } }',
    ).failure();
    expect(refused.extensions.code).toBe('FORBIDDEN');
    const [allowed] = await follow(
      client(listed, official),
      'subscription { regionStatsChanged(code: "none") { id } }',
    ).failure();
    expect(allowed.extensions.code).toBe('NOT_FOUND');
  });

  it('closes its sockets with 1001 and ends its event streams with a last error when it stops', async () => {
    const c = client(listed);
    const closed = new Promise<number>((resolve) =>
      c.on('closed', (e) => resolve((e as { code: number }).code)),
    );
    await follow(c, DASHBOARD, { town: 'dashuibo' }).next();
    const s = await stream(listed, DASHBOARD, { town: 'dashuibo' });
    await s.until((e) => e.event === 'next');
    const stopped = listed.stop();
    expect(await closed).toBe(1001);
    const last = await s.until((e) => e.event === 'next' && !!e.data.errors);
    expect(last.data.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    await s.until((e) => e.event === 'complete');
    await stopped;
  });
});

describe('Server-Sent Events (graphql-sse, distinct connections)', () => {
  it('streams the figures and their changes', async () => {
    const s = await stream(app, DASHBOARD, { town: 'dashuibo' });
    expect(s.res.status).toBe(200);
    const first = await s.until((e) => e.event === 'next');
    expect(first.data.data).toEqual((await post(app, DASHBOARD_QUERY, { town: 'dashuibo' })).data);
    const villages = first.data.data.regionStatsChanged.stats.villages.total;
    await sql(
      `insert into village (town_id, name_zh, name_en) select id, '流村${randomUUID().slice(0, 6)}', 'Stream' from region where code = 'dashuibo'`,
    );
    await s.until(
      (e) => e.event === 'next' && e.data.data.regionStatsChanged.stats.villages.total === villages + 1,
    );
    s.close();
  });

  it('refuses bad requests with JSON and the HTTP path’s statuses', async () => {
    const invalid = await stream(app, 'subscription { regionStatsChanged(code: "dashuibo") { nope } }', {});
    expect(invalid.res.status).toBe(400);
    expect(((await invalid.res.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const missing = await stream(app, DASHBOARD, { town: 'nowhere' });
    expect(missing.res.status).toBe(404);
    const badToken = await stream(app, DASHBOARD, { town: 'dashuibo' }, 'not-a-token');
    expect(badToken.res.status).toBe(401);
    const plain = await fetch(`${app.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DASHBOARD }),
    });
    expect(plain.status).toBe(406);
    const huge = await fetch(`${app.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `subscription { ${' '.repeat(70_000)} }` }),
    });
    expect(huge.status).toBe(413);
    const foreign = await fetch(`${app.url}/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        origin: 'http://evil.example',
      },
      body: JSON.stringify({ query: DASHBOARD, variables: { town: 'dashuibo' } }),
    });
    expect(foreign.status).toBe(403);
    const notJson = await fetch(`${app.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: '{"query": ',
    });
    expect(notJson.status).toBe(400);
    const put = await fetch(`${app.url}/stream`, { method: 'PUT', headers: { accept: 'text/event-stream' } });
    expect(put.status).toBe(405);
  });

  it('takes a subscription by GET as well', async () => {
    const search = new URLSearchParams({ query: DASHBOARD, variables: JSON.stringify({ town: 'dashuibo' }) });
    const controller = new AbortController();
    const res = await fetch(`${app.url}/stream?${search}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: next')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/"code":"dashuibo"/);
    controller.abort();
  });
});

describe('faults', () => {
  const listeners = () =>
    sql(
      `select pid from pg_stat_activity where datname = current_database() and query = 'listen revgraph_changes'`,
    );

  it('reconnects the change feed when its connection is killed, and sends what changed meanwhile', async () => {
    const live = follow(client(app), DASHBOARD, { town: 'dashuibo' });
    const first = await live.next();
    const villages = first.data.regionStatsChanged.stats.villages.total;
    const addVillage = () =>
      sql(`insert into village (town_id, name_zh, name_en)
        select id, '断线村${randomUUID().slice(0, 6)}', 'Cut' from region where code = 'dashuibo'`);
    const [before] = await listeners();
    await sql(`select pg_terminate_backend(${before.pid})`);
    // Written while the feed is away: no notification reaches this instance, the resync does.
    await addVillage();
    const after = await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 1);
    expect(after.data).toEqual((await post(app, DASHBOARD_QUERY, { town: 'dashuibo' })).data);
    // The feed connects again by itself, and hears the next write.
    for (let i = 0; i < 200 && !(await listeners()).some((l) => l.pid !== before.pid); i++) await sleep(50);
    expect((await listeners()).map((l) => l.pid)).not.toContain(before.pid);
    expect(await listeners()).toHaveLength(1);
    await addVillage();
    await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 2);
    live.dispose();
  });
});

/** A TCP proxy to Redis that can be cut (Redis "down" for the instance behind it) and restored. */
async function redisProxy(target: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((socket) => {
        const upstream = connect(target, '127.0.0.1');
        sockets.add(socket).add(upstream);
        for (const [a, b] of [
          [socket, upstream],
          [upstream, socket],
        ] as const) {
          a.on('error', () => {});
          a.on('close', () => {
            sockets.delete(a);
            b.destroy();
          });
          a.pipe(b);
        }
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async cut() {
      await new Promise((resolve) => {
        server!.close(resolve);
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server?.close(resolve));
    },
  };
}

const redisUp = await new Promise<boolean>((resolve) => {
  const socket = connect(6379, '127.0.0.1');
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});
if (!redisUp)
  console.warn('subscriptions: no Redis on 127.0.0.1:6379; the fan-out through Redis is not tested');

describe.skipIf(!redisUp)('fan-out through Redis: two instances, one database, one LISTEN', () => {
  const shared = scratchDatabase('live_redis');
  let a: App;
  let b: App;
  let proxy: Awaited<ReturnType<typeof redisProxy>>;
  const on = (statement: string) => sqlOn(shared.url, [statement]).then(([rows]) => rows!);
  const listens = async () =>
    (
      await on(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and query = 'listen revgraph_changes'`,
      )
    )[0].n as number;
  const addVillage = () =>
    on(
      `insert into village (town_id, name_zh, name_en) select id, '双实例村${randomUUID().slice(0, 6)}', 'Twin' from region where code = 'dashuibo'`,
    );
  const waitFor = async (test: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await test()) return;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    await shared.create();
    const seeding = await openTestOrm(shared.url.toString());
    await seedIfEmpty(seeding);
    await seeding.close();
    proxy = await redisProxy(6379);
    a = await start(shared.url.toString(), { REDIS_URL: 'redis://127.0.0.1:6379' });
    b = await start(shared.url.toString(), { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await proxy?.close();
    await shared.drop();
  });

  it('relays a write by SQL to a subscriber of the instance that does not LISTEN', async () => {
    expect(await listens()).toBe(1);
    const live = follow(client(b), DASHBOARD, { town: 'dashuibo' });
    const villages = (await live.next()).data.regionStatsChanged.stats.villages.total;
    await addVillage();
    await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 1);

    // Redis away for B: it LISTENs itself meanwhile, and still hears every write.
    await proxy.cut();
    await waitFor(async () => (await listens()) === 2, 'B to LISTEN itself');
    await addVillage();
    await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 2);

    // Redis back: B hears the relay again and gives its own LISTEN up.
    await proxy.restore();
    await waitFor(async () => (await listens()) === 1, 'B to stop its own LISTEN');
    await addVillage();
    await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 3);

    // The relay stops: its subscribers are told to reconnect (1001), and B takes the relay over.
    const onA = createClient({
      url: wsUrl(a),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    const closed = new Promise<number>((resolve) =>
      onA.on('closed', (e) => resolve((e as { code: number }).code)),
    );
    await follow(onA, DASHBOARD, { town: 'dashuibo' }).next();
    await a.stop();
    expect(await closed).toBe(1001);
    await waitFor(async () => (await listens()) === 1, 'B to take the relay over');
    await addVillage();
    await live.next((r) => r.data.regionStatsChanged.stats.villages.total === villages + 4);
    live.dispose();
  }, 60_000);
});
