import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import {
  acceptedCodings,
  COMPRESSION_MIN_BYTES,
  codingFor,
  ifNoneMatch,
} from '../src/http/representation.js';
import { Role } from '../src/modules/user/user.entity.js';
import { openTestOrm, testAuth, tokenFor } from './helpers.js';

/**
 * CDN-friendly reads over HTTP, on the whole API (`startApp`, response cache on): ETag and 304 on
 * anonymous GETs, brotli/gzip by Accept-Encoding above a threshold, Vary, Cache-Control, HEAD, the
 * diagnostic header only outside production, and hostile headers. Raw node:http requests: fetch
 * would decompress and hide the bytes sent.
 */
let app: App;
let maxAgeApp: App;
let productionApp: App;
let token: string;

const start = (env: Record<string, string> = {}) =>
  startApp(
    loadConfig({
      DATABASE_URL: inject('writeDatabaseUrl'),
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: '0',
      JWT_SECRET: new TextDecoder().decode(testAuth.secret as Uint8Array),
      ...env,
    }),
    () => {},
  );

beforeAll(async () => {
  app = await start();
  maxAgeApp = await start({ HTTP_CACHE_MAX_AGE: '60' });
  productionApp = await start({ NODE_ENV: 'production' });
  const orm = await openTestOrm(inject('writeDatabaseUrl'));
  token = await tokenFor({ orm } as never, 'http-caching-reader', Role.ADMIN);
  await orm.close();
});
afterAll(async () => {
  await app?.stop();
  await maxAgeApp?.stop();
  await productionApp?.stop();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with exactly these headers; the body as sent (not decompressed). */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const BIG = `{ villages(first: 50) { nodes { id name(locale: EN) description(locale: EN) } } }`;
const SMALL = '{ themes(first: 1) { totalCount } }';
const getUrl = (a: App, query: string) => `${a.url}?query=${encodeURIComponent(query)}`;
/** A preflighted GET (Apollo's CSRF prevention), anonymous unless headers say otherwise. */
const get = (query: string, headers: Record<string, string> = {}, a = app, method = 'GET') =>
  raw(getUrl(a, query), { 'apollo-require-preflight': '1', ...headers }, method);
const varyOf = (r: Raw) =>
  String(r.headers.vary ?? '')
    .split(/,\s*/)
    .map((v) => v.toLowerCase());
const decoded = (r: Raw) => {
  const coding = r.headers['content-encoding'];
  const bytes =
    coding === 'br' ? brotliDecompressSync(r.body) : coding === 'gzip' ? gunzipSync(r.body) : r.body;
  return JSON.parse(bytes.toString('utf8'));
};

describe('ETag and If-None-Match', () => {
  it('gives an anonymous GET a strong ETag and answers a matching If-None-Match with 304', async () => {
    const first = await get(BIG);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const again = await get(BIG, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(varyOf(again)).toEqual(expect.arrayContaining(['accept', 'accept-encoding', 'accept-language']));
    // Weak comparison, a list, another coding's tag, `*`: all name the same body.
    for (const header of [`W/${etag}`, `"x", ${etag}`, `${etag.slice(0, -1)}-br"`, '*']) {
      expect((await get(BIG, { 'if-none-match': header })).status, header).toBe(304);
    }
    // The ETag names the bytes: the gzip representation has its own tag, revalidated by either.
    const gz = await get(BIG, { 'accept-encoding': 'gzip' });
    expect(gz.headers.etag).toBe(`${etag.slice(0, -1)}-gzip"`);
    const gz304 = await get(BIG, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) });
    expect(gz304.status).toBe(304);
    expect(gz304.headers.etag).toBe(gz.headers.etag);
  });

  it('sends the full answer for a stale, malformed or huge If-None-Match', async () => {
    const etag = String((await get(BIG)).headers.etag);
    const headers = [
      '"not-this-one"',
      'garbage without quotes',
      `${etag.slice(1, -1)}`, // unquoted
      '"unterminated',
      `${'"x", '.repeat(2_000)}${etag}`, // past the tags read: a miss, never slow
      'W/',
      ',,,;;;',
    ];
    for (const header of headers) {
      const started = performance.now();
      const res = await get(BIG, { 'if-none-match': header });
      expect(res.status, header.slice(0, 40)).toBe(200);
      expect(decoded(res).data.villages.nodes.length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    // Past Node's 16 KiB of headers: refused by Node itself with 431, and the server stays up.
    const huge = await get(BIG, { 'if-none-match': `"${'a'.repeat(20_000)}"` });
    expect(huge.status).toBe(431);
    expect((await get(SMALL)).status).toBe(200);
  });

  it('changes the ETag when the answer changes, and never on POST or signed-in answers', async () => {
    const a = await get('{ themes(first: 1) { nodes { code } } }');
    const b = await get('{ themes(first: 2) { nodes { code } } }');
    expect(a.headers.etag).toBeDefined();
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const posted = await raw(
      app.url,
      { 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ query: SMALL }),
    );
    expect(posted.status).toBe(200);
    expect(posted.headers.etag).toBeUndefined();
    expect(posted.headers['cache-control']).toBeUndefined();
    const signedIn = await get(SMALL, { authorization: `Bearer ${token}`, 'if-none-match': '*' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    const signedInPost = await raw(
      app.url,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      'POST',
      JSON.stringify({ query: '{ viewer { email } }' }),
    );
    expect(signedInPost.headers['cache-control']).toBe('private, no-store');
  });

  it('gives no ETag and no public Cache-Control to an answer with errors', async () => {
    const res = await get('{ themes(first: 1) { nope } }', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('lets HTTP_CACHE_MAX_AGE set how long a CDN may serve without asking', async () => {
    const res = await get(SMALL, {}, maxAgeApp);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.etag).toBeDefined();
  });
});

describe('compression', () => {
  it('compresses a large answer with brotli or gzip as asked, with the right Content-Length', async () => {
    const plain = await get(BIG);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_MIN_BYTES);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    for (const [header, coding] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['GZIP', 'gzip'],
      ['*', 'br'],
    ] as const) {
      const res = await get(BIG, { 'accept-encoding': header });
      expect(res.headers['content-encoding'], header).toBe(coding);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(plain.body.length / 2);
      expect(decoded(res)).toEqual(JSON.parse(plain.body.toString()));
      expect(varyOf(res)).toContain('accept-encoding');
    }
  });

  it('compresses answers from the response cache and POST answers too', async () => {
    const body = JSON.stringify({ query: BIG });
    let res: Raw | undefined;
    for (let i = 0; i < 20 && res?.headers['x-cache'] !== 'HIT'; i++) {
      res = await raw(
        app.url,
        { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        'POST',
        body,
      );
    }
    expect(res!.headers['x-cache']).toBe('HIT');
    expect(res!.headers['content-encoding']).toBe('gzip');
    expect(decoded(res!).data.villages.nodes.length).toBeGreaterThan(0);
  });

  it('sends a small answer as it is', async () => {
    const res = await get(SMALL, { 'accept-encoding': 'br, gzip' });
    expect(res.body.length).toBeLessThan(COMPRESSION_MIN_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(varyOf(res)).toContain('accept-encoding');
  });

  it('reads junk, refusals and q=0 safely', async () => {
    const cases: [string, string | undefined][] = [
      ['', undefined],
      ['identity', undefined],
      ['compress, deflate', undefined],
      ['br;q=0, gzip;q=0', undefined],
      ['br;q=abc, gzip;q=2', undefined],
      [';;;,,,=, q=1', undefined],
      ['\u00e9\u00e9, \u00ff;q=1', undefined],
      ['*;q=0', undefined],
      ['identity;q=0', undefined],
      ['gzip;q=0.5, identity', undefined],
      ['br;q=0.001', 'br'],
      ['gzip, br;q=0', 'gzip'],
      [`${'x;q=1, '.repeat(500)}br`, undefined],
    ];
    for (const [header, coding] of cases) {
      const res = await raw(getUrl(app, BIG), { 'apollo-require-preflight': '1', 'accept-encoding': header });
      expect(res.status, header.slice(0, 40)).toBe(200);
      expect(res.headers['content-encoding'], header.slice(0, 40)).toBe(coding);
      expect(decoded(res).data.villages.nodes.length).toBeGreaterThan(0);
    }
    // Identity refused: a small answer is compressed when it can be, sent as it is when it cannot.
    const small = await get(SMALL, { 'accept-encoding': 'identity;q=0, gzip' });
    expect(small.headers['content-encoding']).toBe('gzip');
    expect(decoded(small).data.themes.totalCount).toBeGreaterThan(0);
  });

  it('chooses codings as RFC 9110 says (the pure rules)', () => {
    expect(acceptedCodings('gzip;q=0.5, BR, x;q=2, y;q=1.0001, *;q=0')).toEqual(
      new Map([
        ['gzip', 0.5],
        ['br', 1],
        ['*', 0],
      ]),
    );
    const big = COMPRESSION_MIN_BYTES;
    expect(codingFor(undefined, big)).toBe('identity');
    expect(codingFor('gzip', big - 1)).toBe('identity');
    expect(codingFor('gzip', big)).toBe('gzip');
    expect(codingFor('br, gzip', big)).toBe('br');
    expect(codingFor('*;q=0, gzip', 10)).toBe('gzip');
    expect(codingFor('*;q=0, identity, gzip', 10)).toBe('identity');
    expect(codingFor('identity;q=0', big)).toBe('identity');
    expect(ifNoneMatch('"abc-gzip"', 'abc')).toBe(true);
    expect(ifNoneMatch('W/"abc"', 'abc')).toBe(true);
    expect(ifNoneMatch('abc', 'abc')).toBe(false);
    expect(ifNoneMatch(undefined, 'abc')).toBe(false);
  });
});

describe('HEAD, Vary and diagnostic headers', () => {
  it('answers HEAD as GET without a body', async () => {
    const got = await get(BIG, { 'accept-encoding': 'gzip' });
    const head = await get(BIG, { 'accept-encoding': 'gzip' }, app, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control'])
      expect(head.headers[name], name).toBe(got.headers[name]);
    expect((await get(BIG, { 'if-none-match': String(got.headers.etag) }, app, 'HEAD')).status).toBe(304);
    // Refused as GET would be: a mutation, and no preflight header (CSRF).
    const mutation = await get(
      'mutation { login(input: { email: "a@b.c", password: "x" }) { token } }',
      {},
      app,
      'HEAD',
    );
    expect(mutation.status).toBe(405);
    expect(mutation.body.length).toBe(0);
    const unguarded = await raw(getUrl(app, SMALL), {}, 'HEAD');
    expect(unguarded.status).toBe(400);
    expect((await raw(app.url.replace(/graphql$/, 'health'), {}, 'HEAD')).status).toBe(200);
  });

  it('varies on Origin only where CORS_ORIGINS lists origins', async () => {
    expect(varyOf(await get(SMALL))).not.toContain('origin');
    const listed = await start({ CORS_ORIGINS: 'https://showcase.example.org' });
    try {
      const res = await get(SMALL, { origin: 'https://showcase.example.org' }, listed);
      expect(varyOf(res)).toEqual(
        expect.arrayContaining(['origin', 'accept', 'accept-encoding', 'accept-language']),
      );
      expect(String(res.headers['access-control-expose-headers'])).toContain('etag');
    } finally {
      await listed.stop();
    }
  });

  it('sends x-sql-statements outside production only (DIAGNOSTIC_HEADERS)', async () => {
    expect((await get(SMALL)).headers['x-sql-statements']).toMatch(/^\d+$/);
    const production = await get(SMALL, {}, productionApp);
    expect(production.status).toBe(200);
    expect(production.headers['x-sql-statements']).toBeUndefined();
    expect(production.headers['x-request-id']).toBeDefined();
    expect(loadConfig({ NODE_ENV: 'production' }).diagnosticHeaders).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DIAGNOSTIC_HEADERS: '1' }).diagnosticHeaders).toBe(true);
    expect(loadConfig({}).diagnosticHeaders).toBe(true);
  });
});
