import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';

/**
 * What a browser, or a careless client, meets over HTTP: CORS, coded answers to malformed requests,
 * and the body size limit. The whole API (`startApp`: response cache, persisted queries) on the
 * read-only database.
 */
const logged: Record<string, unknown>[] = [];
let open: App;
let listed: App;
const ALLOWED = 'https://showcase.example.org';

const start = (env: Record<string, string> = {}) =>
  startApp(
    loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: '0',
      JWT_SECRET: 'browser-test-secret-browser-test-secret',
      ...env,
    }),
    (e) => logged.push(e),
  );

beforeAll(async () => {
  open = await start();
  listed = await start({ CORS_ORIGINS: `${ALLOWED}, http://localhost:3000`, MAX_BODY_BYTES: '65536' });
});
afterAll(async () => {
  await open?.stop();
  await listed?.stop();
});

const base = (app: App) => app.url.replace(/\/graphql$/, '');
const post = (app: App, body: unknown, headers: Record<string, string> = {}) =>
  fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const preflight = (app: App, origin: string, path = '/graphql') =>
  fetch(`${base(app)}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
const corsHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));
const varyOf = (res: Response) => (res.headers.get('vary') ?? '').split(/,\s*/).map((v) => v.toLowerCase());
const THEMES = '{ themes(first: 2) { nodes { code } } }';

/** The answer to a GET of `query` once it comes from the response cache (at most 20 tries). */
async function cachedGet(app: App, query: string, headers: Record<string, string> = {}) {
  const url = `${app.url}?query=${encodeURIComponent(query)}`;
  const get = () => fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  let res = await get();
  for (let i = 0; i < 20 && res.headers.get('x-cache') !== 'HIT'; i++) res = await get();
  return res;
}

describe('CORS with CORS_ORIGINS=* (the default)', () => {
  it('answers a preflight with 204, every origin, the methods, headers and how long to keep it', async () => {
    const res = await preflight(open, 'https://any.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowed = res.headers.get('access-control-allow-headers')!.split(', ');
    for (const h of [
      'content-type',
      'authorization',
      'accept-language',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-request-id',
      'idempotency-key',
    ]) {
      expect(allowed).toContain(h);
    }
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    // Exports are fetched with a bearer token: preflighted too.
    expect((await preflight(open, 'https://any.example', '/export/villages.csv')).status).toBe(204);
  });

  it('lets pages read answers of POST, cached GET, /health and /export, and the request id', async () => {
    const origin = { origin: 'https://any.example' };
    const answers = [
      await post(open, { query: THEMES }, origin),
      await cachedGet(open, THEMES, origin),
      await fetch(`${base(open)}/health`, { headers: origin }),
      await fetch(`${base(open)}/export/villages.csv`, { headers: origin }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 401]);
    expect(answers[1]!.headers.get('x-cache')).toBe('HIT');
    for (const res of answers) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(res.headers.get('access-control-expose-headers')).toContain('idempotent-replayed');
    }
    // Kept beside CORS: names follow Accept-Language, on fresh and cached answers alike.
    expect(varyOf(answers[0]!)).toContain('accept-language');
    expect(varyOf(answers[1]!)).toContain('accept-language');
  });

  it('still refuses simple cross-origin requests (CSRF): a text/plain or form POST runs nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(open.url, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': type },
        body: JSON.stringify({
          query: 'mutation { login(input: { email: "a@b.c", password: "x" }) { token } }',
        }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(body.data).toBeUndefined();
    }
    const get = await fetch(`${open.url}?query=${encodeURIComponent(THEMES)}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(get.status).toBe(400);
  });
});

describe('CORS with a list of origins', () => {
  it('answers a listed origin with that origin and Vary: Origin, beside Vary: Accept-Language', async () => {
    const pre = await preflight(listed, ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(varyOf(pre)).toContain('origin');
    const res = await post(listed, { query: THEMES }, { origin: 'http://localhost:3000' });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(varyOf(res)).toEqual(expect.arrayContaining(['origin', 'accept-language']));
    const hit = await cachedGet(listed, THEMES, { origin: ALLOWED });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(varyOf(hit)).toEqual(expect.arrayContaining(['origin', 'accept-language']));
  });

  it('gives an origin not listed no CORS header at all: refused preflight, answers it cannot read', async () => {
    const pre = await preflight(listed, 'https://evil.example');
    expect(pre.status).toBe(403);
    expect(((await pre.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(corsHeaders(pre)).toEqual([]);
    const evil = { origin: 'https://evil.example' };
    for (const res of [
      await post(listed, { query: THEMES }, evil),
      // The same query as the cached one above: the cached answer carries no CORS header of its own.
      await cachedGet(listed, THEMES, evil),
      await fetch(`${base(listed)}/health`, { headers: evil }),
    ]) {
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual([]);
      expect(varyOf(res)).toContain('origin');
    }
  });

  it('reads CORS_ORIGINS as * or a list of origins, and refuses anything else', () => {
    const env = { CORS_ORIGINS: 'https://a.example, http://localhost:3000/' };
    expect(loadConfig(env).corsOrigins).toEqual(['https://a.example', 'http://localhost:3000']);
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    for (const bad of ['a.example', 'https://a.example/app', 'ftp://a.example', 'https://a.example,*']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
  });
});

/** Status, codes and first message of an answer. */
async function answer(res: Response) {
  const body = (await res.json()) as any;
  return {
    status: res.status,
    codes: (body.errors ?? []).map((e: any) => e.extensions?.code),
    message: body.errors?.[0]?.message as string | undefined,
    extensions: body.errors?.[0]?.extensions,
  };
}

describe('client mistakes answer coded 4xx, never 500 nor INTERNAL_SERVER_ERROR', () => {
  it('names a variable that is missing, of the wrong type or not a value of its enum (BAD_USER_INPUT)', async () => {
    const theme = 'query($code: String!) { theme(code: $code) { name } }';
    const locale = 'query($l: Locale) { theme(code: "tea") { name(locale: $l) } }';
    // Variables that are input objects run on graphql-js rather than graphql-jit: same answer.
    const where = 'query($w: VillageWhere) { villages(where: $w) { totalCount } }';
    const houses =
      'query($w: RuralHouseWhere, $o: [RuralHouseOrder!]) { ruralHouses(where: $w, orderBy: $o) { totalCount } }';
    const nodes = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    for (const [query, variables, name, field, pattern] of [
      [theme, {}, 'code', '$code', /"\$code" of required type "String!" was not provided/],
      [theme, { code: 5 }, 'code', '$code', /"\$code" got invalid value 5/],
      [locale, { l: 'FR' }, 'l', '$l', /"\$l" got invalid value "FR"; Expected type Locale/],
      [nodes, { ids: ['a', {}] }, 'ids', '$ids[1]', /"\$ids" got invalid value/],
      // Input objects, at any depth: the variable is named and the path leads to the bad value.
      [where, { w: { nope: 1 } }, 'w', '$w', /"\$w" got invalid value/],
      [
        where,
        { w: { and: [{ name: { contains: 5 } }] } },
        'w',
        '$w.and[0].name.contains',
        /got invalid value 5/,
      ],
      [houses, { w: { or: [{}, { status: { eq: 'RUINED' } }] } }, 'w', '$w.or[1].status.eq', /"RUINED"/],
      [houses, { o: [{ field: 'NOPE' }] }, 'o', '$o[0].field', /"NOPE"/],
    ] as const) {
      // GraphQL over HTTP: 200 in application/json (what fetch's */* gets), 400 in graphql-response+json.
      const a = await answer(await post(open, { query, variables }));
      expect(a.status, JSON.stringify(variables)).toBe(200);
      const strict = await post(open, { query, variables }, { accept: 'application/graphql-response+json' });
      expect(strict.status, JSON.stringify(variables)).toBe(400);
      expect(a.codes).toEqual(['BAD_USER_INPUT']);
      expect(a.message).toMatch(pattern);
      expect(a.extensions, JSON.stringify(variables)).toMatchObject({ variable: name, field });
    }
  });

  it('names the operation problem: several without operationName, an unknown operationName', async () => {
    const two = await answer(await post(open, { query: 'query A { __typename } query B { __typename }' }));
    expect(two).toMatchObject({ status: 400, codes: ['OPERATION_RESOLUTION_FAILURE'] });
    expect(two.message).toMatch(/Must provide operation name/);
    const unknown = await answer(await post(open, { query: 'query A { __typename }', operationName: 'C' }));
    expect(unknown).toMatchObject({ status: 400, codes: ['OPERATION_RESOLUTION_FAILURE'] });
    expect(unknown.message).toBe('Unknown operation named "C".');
    // A huge name is quoted, not echoed whole.
    const huge = await answer(
      await post(open, { query: '{ __typename }', operationName: 'x'.repeat(100_000) }),
    );
    expect(huge).toMatchObject({ status: 400, codes: ['OPERATION_RESOLUTION_FAILURE'] });
    expect(huge.message!.length).toBeLessThan(1100);
    // Subscriptions are served over WebSocket and Server-Sent Events, not plain requests.
    const sub = await answer(
      await post(open, { query: 'subscription { regionStatsChanged(code: "dashuibo") { id } }' }),
    );
    expect(sub).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    expect(sub.message).toMatch(/not answered over plain HTTP requests: subscribe over WebSocket/);
  });

  it('refuses a persisted query whose hash is not its text, and still registers a matching one', async () => {
    const query = '{ themes(first: 1) { nodes { code } } }';
    const persisted = (sha256Hash: string) => ({ version: 1, sha256Hash });
    const sha = createHash('sha256').update(query).digest('hex');
    const wrong = await answer(
      await post(open, { query, extensions: { persistedQuery: persisted('0'.repeat(64)) } }),
    );
    expect(wrong).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    expect(wrong.message).toMatch(/hash mismatch/);
    const version = await answer(
      await post(open, { query, extensions: { persistedQuery: { version: 2, sha256Hash: sha } } }),
    );
    expect(version).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    expect((await post(open, { query, extensions: { persistedQuery: persisted(sha) } })).status).toBe(200);
    const byHash = await post(open, { extensions: { persistedQuery: persisted(sha) } });
    expect(((await byHash.json()) as any).data.themes.nodes).toHaveLength(1);
  });

  it('answers malformed requests with a coded 4xx', async () => {
    const query = '{ __typename }';
    const raw = (body: string, type = 'application/json') =>
      fetch(open.url, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [string, () => Promise<Response>, number][] = [
      [
        'GET with a mutation',
        () =>
          fetch(`${open.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
            headers: { 'apollo-require-preflight': '1' },
          }),
        405,
      ],
      ['a batch', () => post(open, [{ query }, { query }]), 400],
      ['an empty body', () => raw(''), 400],
      ['an empty object', () => post(open, {}), 400],
      ['JSON null', () => raw('null'), 400],
      [
        'no content-type',
        () =>
          fetch(open.url, {
            method: 'POST',
            headers: { 'apollo-require-preflight': '1' },
            body: JSON.stringify({ query }),
          }),
        400,
      ],
      ['an XML body', () => raw('<query/>', 'application/xml'), 400],
      ['query not a string', () => post(open, { query: 5 }), 400],
      ['variables a string', () => post(open, { query, variables: '{}' }), 400],
      ['variables an array', () => post(open, { query, variables: [1] }), 400],
      ['extensions a string', () => post(open, { query, extensions: 'x' }), 400],
      ['persistedQuery not an object', () => post(open, { query, extensions: { persistedQuery: 'x' } }), 400],
      ['operationName a number', () => post(open, { query, operationName: 5 }), 400],
      [
        'PUT',
        () =>
          fetch(open.url, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          }),
        405,
      ],
      [
        'GET with variables that are not JSON',
        () =>
          fetch(`${open.url}?query=${encodeURIComponent(query)}&variables=%7B`, {
            headers: { 'apollo-require-preflight': '1' },
          }),
        400,
      ],
    ];
    const before = logged.filter((e) => e.level === 'error').length;
    for (const [name, send, status] of cases) {
      const a = await answer(await send());
      expect(a.status, name).toBe(status);
      expect(a.codes, name).toEqual(['BAD_REQUEST']);
    }
    // Mistakes of the caller are not failures of the server: nothing logged as an error.
    expect(logged.filter((e) => e.level === 'error').length).toBe(before);
  });
});

/** POSTs `size` bytes with `Expect: 100-continue`: the status, and whether the server asked for the body. */
function expectContinue(app: App, size: number) {
  return new Promise<{ status: number; continued: boolean; body: string }>((resolve, reject) => {
    let continued = false;
    const req = request(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': size, expect: '100-continue' },
    });
    req.on('continue', () => {
      continued = true;
      req.end(Buffer.alloc(size, 0x20));
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, continued, body }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('request body size', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const tooLarge = async (res: Response) => {
    expect(res.status).toBe(413);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/too large/);
  };

  it('answers a 10 MB body with 413 that fetch sees, declared or chunked, and the server stays usable', async () => {
    await tooLarge(await post(open, ' '.repeat(TEN_MB)));
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    await tooLarge(
      await fetch(open.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect((await post(open, { query: '{ __typename }' })).status).toBe(200);
  });

  it('refuses a body declared too large before the client sends it (Expect: 100-continue)', async () => {
    const refused = await expectContinue(open, TEN_MB);
    expect(refused.status).toBe(413);
    expect(refused.continued).toBe(false);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    // A body within the limit is asked for and read.
    const small = await expectContinue(open, 100);
    expect(small).toMatchObject({ status: 400, continued: true });
  });

  it('takes its limit from MAX_BODY_BYTES', async () => {
    const padded = (size: number) => {
      const json = JSON.stringify({ query: '{ __typename }' });
      return `${json.slice(0, -1)}${' '.repeat(size - json.length)}}`;
    };
    expect((await post(listed, padded(60_000))).status).toBe(200);
    await tooLarge(await post(listed, padded(70_000)));
    expect((await post(open, padded(70_000))).status).toBe(200);
  });
});
