import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { AllowList, MANIFEST_FILE, type OperationsManifest } from '../src/graphql/allow-list.js';
import { connectThrottleStore, type ThrottleSettings, Throttles } from '../src/graphql/rate-limit.js';
import { getSchema } from '../src/graphql/schema.js';
import { issueToken } from '../src/modules/user/auth.js';
import { AppUser, Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';
import { createApollo, createHttpServer } from '../src/server.js';
import { OPERATIONS_DIR, openTestOrm, operation, testAuth } from './helpers.js';

/**
 * The limits that need the HTTP server: cost-based rate limiting with its headers, 429 and
 * Retry-After (memory and Redis, through a Redis restart), the request timeout, and sign-in
 * throttling per account and per address. Each server here gets small limits of its own.
 */
let orm: MikroORM;
const servers: Server[] = [];

beforeAll(async () => {
  orm = await openTestOrm(inject('writeDatabaseUrl'));
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await orm?.close();
});

const LOGIN = { maxFailures: 1000, maxFailuresPerIp: 1000, windowSeconds: 60, lockoutSeconds: 60 };

/** An API on a free port with these throttles, request timeout and trusted proxies. */
async function serve(options: {
  throttles?: Throttles;
  requestTimeoutMs?: number;
  trustProxy?: string[];
  allowList?: AllowList;
}) {
  const apollo = await createApollo({
    maxQueryDepth: 12,
    log: () => {},
    guards: {
      limits: { maxCost: 50_000, maxAliases: 100, maxFields: 2_000 },
      throttles: options.throttles,
      allowList: options.allowList,
    },
  });
  const auth = { ...testAuth, failureDelayMs: 0, throttles: options.throttles };
  const server = createHttpServer({
    apollo,
    em: orm.em,
    auth,
    log: () => {},
    requestTimeoutMs: options.requestTimeoutMs,
    trustProxy: options.trustProxy,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => apollo.stop());
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    post: (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal,
      }),
  };
}

const throttles = (points: number, login: Partial<ThrottleSettings['login']> = {}, redis?: Redis) =>
  new Throttles({ points, windowSeconds: 60, login: { ...LOGIN, ...login } }, redis, `test-${Math.random()}`);

/** 13 points: a root field (10) and 3 villages. */
const CHEAP = { query: '{ villages(first: 3) { nodes { id } } }' };

async function account(email: string, password = 'a long test password') {
  const em = orm.em.fork();
  return (
    (await em.findOne(AppUser, { email })) ??
    (await userService.create(em, { email, password, role: Role.PARTNER }))
  );
}

describe('cost-based rate limiting', () => {
  it('charges each request its cost, says what is left, and answers 429 with Retry-After past it', async () => {
    const api = await serve({ throttles: throttles(100) });
    const first = await api.post(CHEAP);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('100');
    expect(first.headers.get('ratelimit-remaining')).toBe('87');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    expect(((await first.json()) as any).extensions.cost).toEqual({
      requested: 13,
      actual: 4,
      limit: 50_000,
      remaining: 87,
    });
    for (let i = 2; i <= 7; i++) expect((await api.post(CHEAP)).status).toBe(200);
    const refused = await api.post(CHEAP);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].extensions.retryAfter).toBe(Number(refused.headers.get('retry-after')));
    expect(body.data).toBeUndefined();

    // A signed-in caller is charged on an account of its own, not the address's.
    const user = await account('rate-limit-partner@tests.example');
    const { token } = await issueToken(testAuth, user.id, user.tokenVersion);
    const signedIn = await api.post(CHEAP, { authorization: `Bearer ${token}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('ratelimit-remaining')).toBe('87');
  });

  it('refuses an operation that costs more than a whole window at once', async () => {
    const api = await serve({ throttles: throttles(100) });
    const res = await api.post({ query: '{ villages(first: 100) { nodes { id } } }' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).errors[0].message).toMatch(/costs 110 points, more than the 100/);
  });
});

describe('the caller behind proxies (TRUST_PROXY)', () => {
  const xff = (value: string) => ({ 'x-forwarded-for': value });
  const remaining = (res: Response) => Number(res.headers.get('ratelimit-remaining'));

  it('ignores X-Forwarded-For without trusted proxies: rotating it does not escape the rate limit', async () => {
    const api = await serve({ throttles: throttles(100) });
    for (let i = 1; i <= 7; i++) {
      const res = await api.post(CHEAP, xff(`203.0.113.${i}`));
      expect(res.status).toBe(200);
      expect(remaining(res)).toBe(100 - 13 * i);
    }
    expect((await api.post(CHEAP, xff('203.0.113.99'))).status).toBe(429);
    expect(
      (await api.post(CHEAP, { forwarded: 'for=198.51.100.1', 'x-real-ip': '198.51.100.1' })).status,
    ).toBe(429);
  });

  it('gives each forwarded caller a budget of its own behind a trusted proxy (TRUST_PROXY=loopback)', async () => {
    const api = await serve({ throttles: throttles(100), trustProxy: ['loopback'] });
    for (let i = 1; i <= 7; i++) expect((await api.post(CHEAP, xff('203.0.113.1'))).status).toBe(200);
    expect((await api.post(CHEAP, xff('203.0.113.1'))).status).toBe(429);
    const other = await api.post(CHEAP, xff('203.0.113.2'));
    expect(other.status).toBe(200);
    expect(remaining(other)).toBe(87);
    // A request without the header is the proxy's own (its socket address).
    expect(remaining(await api.post(CHEAP))).toBe(87);
  });

  it('believes only the right-most untrusted hop of a forged chain', async () => {
    const api = await serve({ throttles: throttles(100), trustProxy: ['loopback'] });
    // The caller wrote everything left of its own address; the trusted proxy appended that address.
    const first = await api.post(CHEAP, xff('198.51.100.1, 203.0.113.7'));
    expect(remaining(first)).toBe(87);
    for (const [i, chain] of [
      'evil, 203.0.113.7',
      '198.51.100.2,203.0.113.7',
      // Past a second trusted proxy (127.0.0.2 is loopback): still the same caller.
      '198.51.100.3, 203.0.113.7, 127.0.0.2',
    ].entries()) {
      expect(remaining(await api.post(CHEAP, xff(chain))), chain).toBe(87 - 13 * (i + 1));
    }
    // The forged left-hand entries got nothing spent on them.
    expect(remaining(await api.post(CHEAP, xff('198.51.100.1')))).toBe(87);
    // An entry that is no address (junk, a port) is not a key: the trusted proxy that sent it is charged.
    const proxy = remaining(await api.post(CHEAP));
    expect(remaining(await api.post(CHEAP, xff('not-an-address')))).toBe(proxy - 13);
    expect(remaining(await api.post(CHEAP, xff('203.0.113.8:4711')))).toBe(proxy - 26);
  });

  it('counts sign-in failures per forwarded caller behind a trusted proxy, per socket without one', async () => {
    const LOGIN_MUTATION =
      'mutation($e: String!) { login(input: { email: $e, password: "guess" }) { token } }';
    const guess = (api: Awaited<ReturnType<typeof serve>>, i: number, from: string) =>
      api.post({ query: LOGIN_MUTATION, variables: { e: `proxied${i}@tests.example` } }, xff(from));
    const trusting = await serve({
      throttles: throttles(0, { maxFailuresPerIp: 3 }),
      trustProxy: ['127.0.0.1'],
    });
    for (let i = 0; i < 3; i++) expect((await guess(trusting, i, '203.0.113.1')).status).toBe(200);
    expect((await guess(trusting, 3, '203.0.113.1')).status).toBe(429);
    expect((await guess(trusting, 4, '203.0.113.2')).status).toBe(200);

    const direct = await serve({ throttles: throttles(0, { maxFailuresPerIp: 3 }) });
    for (let i = 0; i < 3; i++) expect((await guess(direct, i, `203.0.113.${i}`)).status).toBe(200);
    expect((await guess(direct, 3, '203.0.113.3')).status).toBe(429);
  });

  it('refuses to start with a TRUST_PROXY that is not a list of addresses, ranges or keywords', async () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' loopback, 10.0.0.0/8,fd00::/8 ' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const bad of ['1', 'true', 'proxy.example', '10.0.0.0/33', 'loopback,,', '*']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
    // The API itself stops at the configuration, before any database is started.
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, TRUST_PROXY: 'loopback,10.0.0.300', DATABASE_URL: 'postgresql://nowhere/none' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/Configuration error: TRUST_PROXY: "10\.0\.0\.300" is not an IP address/);
  }, 40_000);
});

describe('the registered operations over HTTP (ALLOW_LIST=1, operations/manifest.json)', () => {
  let api: Awaited<ReturnType<typeof serve>>;
  let manifest: OperationsManifest;
  const id = (name: string) => manifest.operations.find((o) => o.name === name)!.id;
  const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
  beforeAll(async () => {
    manifest = JSON.parse(readFileSync(`${OPERATIONS_DIR}${MANIFEST_FILE}`, 'utf8'));
    api = await serve({ allowList: await AllowList.load(OPERATIONS_DIR, await getSchema()) });
  });

  it('answers an anonymous caller that sends only the manifest id, by POST and by GET', async () => {
    const variables = { town: 'dashuibo' };
    const posted = await api.post({ extensions: persisted(id('TownDashboard')), variables });
    expect(posted.status).toBe(200);
    const body = (await posted.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.region.stats.talents.total).toBeGreaterThan(0);

    const search = new URLSearchParams({
      extensions: JSON.stringify(persisted(id('TownDashboard'))),
      variables: JSON.stringify(variables),
    });
    const got = await fetch(`${api.base}/graphql?${search}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(got.status).toBe(200);
    expect(((await got.json()) as any).data).toEqual(body.data);
  });

  it('answers the full text of an operation file, comments and all', async () => {
    const res = await api.post({ query: operation('TownDashboard'), variables: { town: 'dashuibo' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).errors).toBeUndefined();
  });

  it('lets an anonymous caller sign in: SignIn is registered', async () => {
    const res = await api.post({
      extensions: persisted(id('SignIn')),
      variables: { email: 'nobody@allow-list.example', password: 'not the password' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses an unknown id (PERSISTED_QUERY_NOT_FOUND) and an unregistered text (403 FORBIDDEN)', async () => {
    // Another argument is another operation (`__typename` added would still be the registered one).
    const text = operation('TownDashboard').replace('name(locale: ZH)', 'name(locale: EN)');
    expect(text).not.toBe(operation('TownDashboard'));
    const sha = createHash('sha256').update(text).digest('hex');
    const unknown = await api.post({ extensions: persisted(sha), variables: { town: 'dashuibo' } });
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    for (const body of [
      { query: text, variables: { town: 'dashuibo' } },
      { query: text, variables: { town: 'dashuibo' }, extensions: persisted(sha) },
    ]) {
      const refused = await api.post(body);
      expect(refused.status).toBe(403);
      const answer = (await refused.json()) as any;
      expect(answer.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(answer.data).toBeUndefined();
    }
    // A manifest id with another operation's text is the text's hash mismatch, refused as such.
    const mismatch = await api.post({
      query: operation('JointUnions'),
      extensions: persisted(id('TownDashboard')),
    });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const hasRedis = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    console.warn('redis-server is not on PATH: the Redis restart case of the rate limiter is skipped');
    return false;
  }
})();

describe.skipIf(!hasRedis)('rate limiting in Redis', () => {
  let redisProcess: ChildProcess | undefined;
  let port: number;
  const startRedis = async () => {
    redisProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      redisProcess!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
      redisProcess!.once('exit', () => reject(new Error('redis-server exited')));
    });
  };
  const stopRedis = async () => {
    const exited = new Promise((resolve) => redisProcess!.once('exit', resolve));
    redisProcess!.kill('SIGKILL');
    await exited;
  };
  afterAll(async () => {
    if (redisProcess && redisProcess.exitCode === null) await stopRedis();
  });

  it('counts in Redis, keeps answering while Redis is away, and counts there again once it is back', async () => {
    port = await freePort();
    await startRedis();
    const redis = await connectThrottleStore(`redis://127.0.0.1:${port}`);
    const ready = async () => {
      const deadline = Date.now() + 10_000;
      while (redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(redis.status).toBe('ready');
    };
    try {
      await ready();
      const api = await serve({ throttles: throttles(1_000_000, {}, redis) });
      const before = await api.post(CHEAP);
      expect(before.status).toBe(200);
      expect(before.headers.get('ratelimit-remaining')).toBe(String(1_000_000 - 13));
      expect((await redis.keys('*rl*')).length).toBe(1);

      await stopRedis();
      for (let i = 0; i < 5; i++) {
        const during = await api.post(CHEAP);
        expect(during.status).toBe(200);
        expect(during.headers.get('ratelimit-limit')).toBe('1000000');
      }

      await startRedis();
      await ready();
      const after = await api.post(CHEAP);
      expect(after.status).toBe(200);
      expect(after.headers.get('ratelimit-remaining')).toBe(String(1_000_000 - 13));
      expect((await redis.keys('*rl*')).length).toBe(1);
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});

describe('request timeout and disconnects', () => {
  const NETWORK = `query($from: ID!) { ${Array.from({ length: 5 }, (_, i) => `n${i}: network(from: $from, depth: 3, first: 500) { nodes { id } }`).join(' ')} }`;
  let founder: string;
  beforeAll(async () => {
    const api = await serve({});
    const body = (await (
      await api.post({ query: '{ talents(where: { displayName: { eq: "李久太" } }) { nodes { id } } }' })
    ).json()) as any;
    founder = body.data.talents.nodes[0].id;
  });

  it('answers a request running past REQUEST_TIMEOUT_MS with 503 REQUEST_TIMEOUT, and stays healthy', async () => {
    const api = await serve({ requestTimeoutMs: 15 });
    const started = Date.now();
    const res = await api.post({ query: NETWORK, variables: { from: founder } });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    expect(body.errors[0].message).toMatch(/longer than 15 ms/);
    expect((await fetch(`${api.base}/health`)).status).toBe(200);
  });

  it('lets a mutation running past the timeout finish and answers it: its caller learns what was written', async () => {
    const api = await serve({ requestTimeoutMs: 1 });
    await account('slow-signer@tests.example');
    // Checking a password (argon2id) alone takes longer than 1 ms.
    const res = await api.post({
      query:
        'mutation { login(input: { email: "slow-signer@tests.example", password: "a long test password" }) { token } }',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.login.token).toEqual(expect.any(String));
  });

  it('keeps serving after a client leaves half-way', async () => {
    const api = await serve({});
    await expect(
      api.post({ query: NETWORK, variables: { from: founder } }, {}, AbortSignal.timeout(10)),
    ).rejects.toThrow();
    const res = await api.post(CHEAP);
    expect(res.status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  const LOGIN_MUTATION = `mutation($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) { token userErrors { code } }
  }`;
  const login = (api: Awaited<ReturnType<typeof serve>>, email: string, password: string) =>
    api.post({ query: LOGIN_MUTATION, variables: { email, password } });

  it('locks an account after N failures, 20 guesses at a time, with a lockout that doubles', async () => {
    const api = await serve({ throttles: throttles(0, { maxFailures: 3, lockoutSeconds: 1 }) });
    await account('throttled@tests.example');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => login(api, 'throttled@tests.example', 'wrong password')),
    );
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as any[];
    const refused = bodies.filter((b) => b.data?.login?.userErrors?.[0]?.code === 'INVALID_CREDENTIALS');
    const limited = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(3);
    expect(limited.length).toBe(17);
    const limitedBody = bodies[answers.findIndex((a) => a.status === 429)];
    expect(limitedBody.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(limitedBody.errors[0].extensions.retryAfter).toBe(1);
    // Locked: the right password waits too.
    expect((await login(api, 'THROTTLED@tests.example', 'a long test password')).status).toBe(429);

    // After the lockout, the next run of failures locks it twice as long.
    await new Promise((r) => setTimeout(r, 1_100));
    for (let i = 0; i < 3; i++)
      expect((await login(api, 'throttled@tests.example', 'wrong')).status).toBe(200);
    const again = await login(api, 'throttled@tests.example', 'wrong');
    expect(again.status).toBe(429);
    expect(((await again.json()) as any).errors[0].extensions.retryAfter).toBe(2);
  });

  it('resets an account on success, and never locks another account', async () => {
    const api = await serve({ throttles: throttles(0, { maxFailures: 3 }) });
    await account('resets@tests.example');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect((await login(api, 'resets@tests.example', 'wrong')).status).toBe(200);
      const ok = (await (await login(api, 'resets@tests.example', 'a long test password')).json()) as any;
      expect(ok.data.login.token).toEqual(expect.any(String));
    }
  });

  it('locks an address that tries many accounts', async () => {
    const api = await serve({ throttles: throttles(0, { maxFailuresPerIp: 5 }) });
    for (let i = 0; i < 5; i++)
      expect((await login(api, `nobody${i}@tests.example`, 'guess')).status).toBe(200);
    const res = await login(api, 'nobody-else@tests.example', 'guess');
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).errors[0].message).toMatch(/from this address/);
  });
});
