import { createHash, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedIfEmpty } from '../src/db/database.js';
import { Role } from '../src/modules/user/user.entity.js';
import { openTestOrm, tokenFor } from './helpers.js';

/**
 * The response cache over HTTP: repeated anonymous reads come from the cache; a write, by this API or
 * straight into the database, is visible on the next read. On a database of its own: writes of other
 * test files would empty the cache at random moments.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseUrl = (() => {
  const url = new URL(inject('writeDatabaseUrl'));
  url.pathname = `/revgraph_cache_${process.pid}_${Date.now()}`;
  return url.toString();
})();
const admin = async (statement: string) => {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(statement).finally(() => client.end());
};
const api = {} as { orm: MikroORM; sql<T = any>(text: string, params?: unknown[]): Promise<T[]> };

beforeAll(async () => {
  await admin(`create database ${new URL(databaseUrl).pathname.slice(1)}`);
  api.orm = await openTestOrm(databaseUrl);
  await seedIfEmpty(api.orm);
  api.sql = async (text, params = []) => (await api.orm.em.getKnex().raw(text, params as never[])).rows;
});
afterAll(async () => {
  await api.orm?.close();
  await admin(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
});

async function start(env: Record<string, string> = {}): Promise<App> {
  return startApp(
    loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      ...env,
    }),
    () => {},
  );
}

type Answer = { status: number; cache: string | null; statements: string | null; body: any };

async function post(app: App, query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    cache: res.headers.get('x-cache'),
    statements: res.headers.get('x-sql-statements'),
    body: await res.json(),
  } as Answer;
}

/**
 * The read of `variables` once it comes from the cache (at most 20 tries). The database announces the
 * write that made a test's village asynchronously: when the announcement arrives after the first read
 * was stored, it empties the cache once more, and the next read is a miss that stores it again.
 */
async function cachedRead(app: App, variables: { name: string }): Promise<Answer> {
  let answer = await post(app, DESCRIPTION, variables);
  for (let i = 0; i < 20 && answer.cache !== 'HIT'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    answer = await post(app, DESCRIPTION, variables);
  }
  return answer;
}

const DESCRIPTION = `query($name: String!) { villages(first: 1, where: { name: { eq: $name } }) { nodes { id version description(locale: EN) } } }`;
const UPDATE = `mutation($input: UpdateVillageInput!) { updateVillage(input: $input) { village { version } userErrors { code message } } }`;

/** The village this file changes (its English description only), created for the purpose. */
async function village(): Promise<{ name: string; id: string }> {
  const name = `缓存村${randomUUID().slice(0, 8)}`;
  const [town] = await api.sql<{ id: string }>("select id from region where code = 'dashuibo'");
  await api.sql(
    "insert into village (town_id, name_zh, name_en, description_en) values (?, ?, ?, 'before')",
    [town!.id, name, `Cache ${name}`],
  );
  const [row] = await api.sql<{ id: string }>('select id from village where name_zh = ?', [name]);
  return { name, id: Buffer.from(`Village:${row!.id}`).toString('base64url') };
}

describe('response cache (in memory)', () => {
  let app: App;
  let token: string;
  beforeAll(async () => {
    app = await start();
    token = await tokenFor(api as never, 'cache-admin', Role.ADMIN);
  });
  afterAll(() => app?.stop());

  it('answers a repeated anonymous read from the cache, byte for byte, without SQL', async () => {
    const query = '{ themes(first: 3) { nodes { code name(locale: EN) } } }';
    const first = await post(app, query);
    const second = await post(app, query);
    expect(first.cache).toBe('MISS');
    expect(Number(first.statements)).toBeGreaterThan(0);
    expect(second).toEqual({ ...first, cache: 'HIT', statements: '0' });
  });

  it('keys on variables and on the language of Accept-Language', async () => {
    const query = 'query($code: String!) { region(code: $code) { name } }';
    const zh = await post(app, query, { code: 'dashuibo' });
    const en = await post(app, query, { code: 'dashuibo' }, { 'accept-language': 'en' });
    const other = await post(app, query, { code: 'wendeng' });
    expect([zh.cache, en.cache, other.cache]).toEqual(['MISS', 'MISS', 'MISS']);
    expect([zh.body.data.region.name, en.body.data.region.name, other.body.data.region.name]).toEqual([
      '大水泊镇',
      'Dashuibo',
      '文登区',
    ]);
    expect((await post(app, query, { code: 'dashuibo' }, { 'accept-language': 'en' })).body).toEqual(en.body);
  });

  it('never serves or stores answers for signed-in callers, nor answers with errors', async () => {
    const query = '{ themes(first: 2) { totalCount } }';
    await post(app, query);
    const signedIn = await post(app, query, {}, { authorization: `Bearer ${token}` });
    expect(signedIn.cache).toBeNull();
    expect(Number(signedIn.statements)).toBeGreaterThan(0);
    const bad = '{ villages(first: 1000) { totalCount } }';
    expect((await post(app, bad)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await post(app, bad)).cache).toBe('BYPASS');
  });

  it('shows a mutation on the very next read', async () => {
    const { name, id } = await village();
    expect((await post(app, DESCRIPTION, { name })).body.data.villages.nodes[0].description).toBe('before');
    const cached = await cachedRead(app, { name });
    expect(cached.cache).toBe('HIT');
    const version = cached.body.data.villages.nodes[0].version;
    const updated = await post(
      app,
      UPDATE,
      { input: { id, version, descriptionEn: 'after the mutation' } },
      { authorization: `Bearer ${token}` },
    );
    expect(updated.body.data.updateVillage.userErrors).toEqual([]);
    const next = await post(app, DESCRIPTION, { name });
    expect(next.cache).toBe('MISS');
    expect(next.body.data.villages.nodes[0].description).toBe('after the mutation');
  });

  it('shows a write made outside the API (psql, an import) once the database announces it', async () => {
    const { name } = await village();
    await post(app, DESCRIPTION, { name });
    expect((await cachedRead(app, { name })).cache).toBe('HIT');
    await api.sql("update village set description_en = 'written by psql' where name_zh = ?", [name]);
    let answer: Answer | undefined;
    for (let i = 0; i < 50; i++) {
      answer = await post(app, DESCRIPTION, { name });
      if (answer.cache !== 'HIT') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer!.cache).toBe('MISS');
    expect(answer!.body.data.villages.nodes[0].description).toBe('written by psql');
  });

  it('supports automatic persisted queries: hash-only GETs, cached', async () => {
    const query = `{ themes(first: 4) { nodes { code } } } # ${randomUUID()}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const get = () =>
      fetch(`${app.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
    const unknown = await get();
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    });
    expect(((await registered.json()) as any).data.themes.nodes).toHaveLength(4);
    const first = await get();
    const body = await first.json();
    expect(body).toEqual({
      data: { themes: { nodes: expect.any(Array) } },
      extensions: { cost: expect.objectContaining({ requested: expect.any(Number) }) },
    });
    // The POST with the text already stored the answer under the same key (the hash of the text).
    expect(first.headers.get('x-cache')).toBe('HIT');
    const second = await get();
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.json()).toEqual(body);
  });
});

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const withRedis = await redisReachable();
if (!withRedis)
  console.warn(`response cache through Redis: skipped, no Redis at ${REDIS_URL} (set TEST_REDIS_URL)`);

describe.skipIf(!withRedis)('response cache shared through Redis', () => {
  let a: App;
  let b: App;
  let token: string;
  beforeAll(async () => {
    a = await start({ REDIS_URL });
    b = await start({ REDIS_URL });
    token = await tokenFor(api as never, 'cache-admin', Role.ADMIN);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("serves one instance's answer from another, and a write on either is seen by both", async () => {
    const { name, id } = await village();
    expect((await post(a, DESCRIPTION, { name })).cache).toBe('MISS');
    const shared = await sharedHit(a, b, { name });
    expect(shared.cache).toBe('HIT');
    const version = shared.body.data.villages.nodes[0].version;
    const updated = await post(
      b,
      UPDATE,
      { input: { id, version, descriptionEn: 'written through b' } },
      { authorization: `Bearer ${token}` },
    );
    expect(updated.body.data.updateVillage.userErrors).toEqual([]);
    const onA = await post(a, DESCRIPTION, { name });
    expect(onA.cache).toBe('MISS');
    expect(onA.body.data.villages.nodes[0].description).toBe('written through b');
    expect((await sharedHit(a, b, { name }, 'written through b')).cache).toBe('HIT');
  });

  /**
   * `to`'s answer to a request `from` answered and stored, asked of `to` for the first time (a HIT
   * there can only be `from`'s answer, through Redis). Other test files write to the same database
   * meanwhile, and each committed write starts a new cache generation on every instance (the
   * invalidation this file tests): an answer stored just before such a write is rightly not served.
   * So it tries again, a few times at most, each with a request of its own (an extra variable the
   * operation ignores, which is part of the cache key).
   */
  async function sharedHit(from: App, to: App, variables: { name: string }, text = variables.name) {
    let answer: Answer | undefined;
    for (let i = 0; i < 5 && answer?.cache !== 'HIT'; i++) {
      const own = { ...variables, attempt: `${Date.now()}-${i}` };
      await post(from, DESCRIPTION, own);
      await new Promise((r) => setTimeout(r, 100));
      answer = await hitOn(to, own, text);
    }
    return answer!;
  }

  /**
   * `app`'s answer once an answer holding `text` is in Redis: an instance stores a fresh answer right
   * after sending it, so a request to another instance at once may come a moment too early.
   */
  async function hitOn(app: App, variables: { name: string }, text = variables.name): Promise<Answer> {
    const redis = new Redis(REDIS_URL);
    try {
      for (let i = 0; i < 100; i++) {
        const keys = await redis.keys('*response:*');
        const values = keys.length ? await redis.mget(keys) : [];
        if (values.some((v) => v?.includes(text))) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      redis.disconnect();
    }
    return post(app, DESCRIPTION, variables);
  }
});
