import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApollo, createHttpServer } from '../src/server.js';
import { openTestOrm, testAuth } from './helpers.js';

let orm: MikroORM;
let server: Server;
let base: string;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  orm = await openTestOrm(inject('databaseUrl'));
  const apollo = await createApollo({ maxQueryDepth: 6, log: (e) => logged.push(e) });
  server = createHttpServer({ apollo, em: orm.em, auth: testAuth, log: (e) => logged.push(e) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('close', () => apollo.stop());
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await orm.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('HTTP authentication', () => {
  it('answers a bad bearer token with 401 UNAUTHENTICATED', async () => {
    const res = await post({ query: '{ viewer { email } }' }, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('HTTP', () => {
  it('answers POST with application/graphql-response+json when the client asks for it', async () => {
    const res = await post(
      { query: '{ region(code: "dashuibo") { name(locale: EN) } }' },
      { accept: 'application/graphql-response+json' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(await res.json()).toEqual({
      data: { region: { name: 'Dashuibo' } },
      extensions: { cost: { requested: 10, actual: 1, limit: 50_000 } },
    });
  });

  it('allows GET queries (cacheable reads) with a preflight header, and blocks CSRF-able ones', async () => {
    const query = encodeURIComponent('{ themes(first: 1) { nodes { code } } }');
    const ok = await fetch(`${base}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).data.themes.nodes).toHaveLength(1);
    const blocked = await fetch(`${base}/graphql?query=${query}`);
    expect(blocked.status).toBe(400);
  });

  it('uses Accept-Language as the default language', async () => {
    const res = await post(
      { query: '{ theme(code: "tea") { name } }' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(((await res.json()) as any).data.theme.name).toBe('Tea');
    const zh = await post({ query: '{ theme(code: "tea") { name } }' }, { 'accept-language': 'fr' });
    expect(((await zh.json()) as any).data.theme.name).toBe('茶');
  });

  it('rejects operations nested too deep with COST_LIMIT_EXCEEDED', async () => {
    const res = await post({
      query:
        '{ villages { nodes { houses { nodes { village { houses { nodes { village { name } } } } } } } } }',
    });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('reports bad input with a code and the field, and invalid JSON as a bad request', async () => {
    const res = await post({ query: '{ ruralHouses(first: 1000) { totalCount } }' });
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });

  it('runs on Apollo as patched (patches/): the executor sees one response-head class, writing through to Apollo', async () => {
    // The unpatched object literal with its own accessors made a hidden class per request that kept
    // the request reachable until a full GC; `npm install` applies the patch (patch-package).
    const { makeGatewayGraphQLRequestContext } = await import(
      '../node_modules/@apollo/server/dist/esm/utils/makeGatewayGraphQLRequestContext.js' as string
    );
    const { HeaderMap } = await import('@apollo/server');
    const make = () => {
      const http = { headers: new HeaderMap(), status: undefined as number | undefined };
      const made = makeGatewayGraphQLRequestContext(
        { request: { query: '{ __typename }' }, response: { http }, contextValue: {} },
        { logger: console, cache: undefined },
        { includeStacktraceInErrorResponses: false },
      );
      return { http, head: made.response.http };
    };
    const [a, b] = [make(), make()];
    expect(Object.getPrototypeOf(a.head)).toBe(Object.getPrototypeOf(b.head));
    expect(Object.getOwnPropertyDescriptor(a.head, 'status')).toBeUndefined();
    a.head.status = 418;
    a.head.headers.set('x-test', 'yes');
    expect(a.http.status).toBe(418);
    expect(a.http.headers.get('x-test')).toBe('yes');
    expect(b.head.status).toBeUndefined();
  });

  it('answers /health with 200 while the database answers, and unknown paths with 404', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('masks internal errors, logs them with the request id, and answers /health with 503 when the database is gone', async () => {
    await orm.close();
    const res = await post({ query: '{ villages { totalCount } }' }, { 'x-request-id': 'test-request-1' });
    const body = (await res.json()) as any;
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toMatch(/pool|knex|sql|select/i);
    expect(logged.some((e) => e.requestId === 'test-request-1' && e.level === 'error')).toBe(true);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
  });
});
