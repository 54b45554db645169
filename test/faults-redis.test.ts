import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/embedded.js';

/**
 * The response cache in a Redis that goes away and comes back: answers keep coming (uncached, within
 * bounded time) while it is away, and caching resumes by itself after. The test runs its own
 * redis-server (Debian's package), skipped with a message where there is none.
 */
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis)
  console.warn('faults-redis: no redis-server on this machine (apt-get install redis-server); skipped');

let redis: ChildProcess | undefined;
let port = 0;
let app: App;
let url = '';

async function startRedis() {
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    const up = await fetch(`http://127.0.0.1:${port}`).then(
      () => true,
      (e: { cause?: { code?: string } }) => e.cause?.code !== 'ECONNREFUSED',
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis() {
  const child = redis!;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
  redis = undefined;
}

const read = async () => {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ themes(first: 3) { nodes { code } } }' }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  return { ms: Date.now() - started, cache: res.headers.get('x-cache'), body };
};

describe.skipIf(!hasRedis)('a Redis restart under the response cache', () => {
  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    app = await startApp(
      loadConfig({
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: `redis://127.0.0.1:${port}`,
        HOST: '127.0.0.1',
        PORT: '0',
        JWT_SECRET: 'redis-faults-secret-redis-faults-secret-01',
      }),
      () => {},
    );
    url = app.url;
  });

  afterAll(async () => {
    await app?.stop();
    if (redis) await stopRedis();
  });

  it('answers while Redis is away and caches again once it is back', async () => {
    await read();
    expect((await read()).cache).toBe('HIT');
    await stopRedis();
    for (let i = 0; i < 5; i++) {
      const during = await read();
      expect(during.body.errors).toBeUndefined();
      expect(during.body.data).toBeTruthy();
      expect(during.ms).toBeLessThan(3_000);
      expect(during.cache).not.toBe('HIT');
    }
    // Persisted queries live in the same Redis: registering and using one still answers, coded at worst.
    const query = '{ themes(first: 2) { nodes { code } } }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const apq = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const apqBody = (await apq.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
    expect(apqBody.errors?.map((e) => e.extensions.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    expect(apqBody.data).toBeTruthy();
    const hashOnly = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const hashBody = (await hashOnly.json()) as { errors?: { extensions: { code: string } }[] };
    expect(hashBody.errors?.map((e) => e.extensions.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    await startRedis();
    let cache: string | null = null;
    for (let i = 0; i < 60 && cache !== 'HIT'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      cache = (await read()).cache;
    }
    expect(cache).toBe('HIT');
    expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
  });
});
