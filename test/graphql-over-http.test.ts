import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/**
 * The GraphQL-over-HTTP spec, checked by its reference implementation's audit suite (graphql-http's
 * `serverAudits`) against the whole API (`startApp`: response cache, persisted queries, guards) on
 * 127.0.0.1: every MUST and SHOULD passes. The MAYs that fail are the GETs Apollo's CSRF prevention
 * refuses (a GET without a Content-Type or a preflight header could come from any page's <img>):
 * kept on purpose, and listed here so that a new failure is noticed.
 */
const CSRF_REFUSED_MAYS = new Set([
  // GET with no Content-Type, no preflight header: refused as a potential CSRF (400).
  '5A70', // MAY accept application/x-www-form-urlencoded formatted GET requests
  'D6D5', // MAY allow URL-encoded JSON string {variables} in GETs (application/graphql-response+json)
  '6A70', // MAY allow URL-encoded JSON string {variables} in GETs (application/json)
]);

let app: App;
beforeAll(async () => {
  app = await startApp(
    loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: '0',
      JWT_SECRET: 'graphql-over-http-secret-graphql-over-http',
    }),
    () => {},
  );
});
afterAll(() => app?.stop());

const audits = serverAudits({ url: () => app.url });

describe('GraphQL over HTTP (graphql-http audits)', () => {
  it('has the audits', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
    expect(audits.filter((a) => a.name.startsWith('SHOULD')).length).toBeGreaterThan(5);
  });

  it.each(audits.filter((a) => !a.name.startsWith('MAY')).map((a) => ({ ...a, label: `${a.id} ${a.name}` })))(
    '$label',
    async (audit) => {
      const result = await audit.fn();
      const reason =
        result.status === 'ok'
          ? ''
          : `${result.reason}: ${result.response.status} ${(await result.response.text()).slice(0, 300)}`;
      expect(result.status, reason).toBe('ok');
    },
  );

  it('fails no MAY but the GETs refused as potential CSRF', async () => {
    const failed: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('MAY'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.id} ${audit.name}`);
    }
    expect(failed.filter((f) => !CSRF_REFUSED_MAYS.has(f.slice(0, 4)))).toEqual([]);
    // The same GETs with a preflight header are answered.
    const query = encodeURIComponent('query($n: String!) { __type(name: $n) { name } }');
    const variables = encodeURIComponent(JSON.stringify({ n: 'Query' }));
    const res = await fetch(`${app.url}?query=${query}&variables=${variables}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __type: { name: 'Query' } } });
  });
});

/** Status and codes of a POST answered in `accept`. */
async function post(body: unknown, accept: string) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    codes: json.errors?.map((e) => e.extensions?.code),
    hasData: 'data' in json,
  };
}

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

describe('status of errors by response type', () => {
  it.each([
    ['a parse error', { query: '{ themes(first: 1) {' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', { query: '{ themes(first: 1) { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a variable that cannot be coerced',
      { query: 'query($n: Int!) { themes(first: $n) { totalCount } }', variables: { n: 'x' } },
      'BAD_USER_INPUT',
    ],
    [
      'an argument refused before execution (NUL byte)',
      { query: 'query($c: String!) { region(code: $c) { code } }', variables: { c: 'x\u0000' } },
      'BAD_USER_INPUT',
    ],
  ])('%s: 200 in application/json, 400 in application/graphql-response+json', async (_name, body, code) => {
    const plain = await post(body, JSON_TYPE);
    expect(plain).toMatchObject({ status: 200, codes: [code], hasData: false });
    expect(plain.type).toMatch(/^application\/json/);
    const strict = await post(body, GRAPHQL_RESPONSE);
    expect(strict).toMatchObject({ status: 400, codes: [code], hasData: false });
    expect(strict.type).toMatch(/^application\/graphql-response\+json/);
    // */* and no Accept at all are answered as application/json.
    expect((await post(body, '*/*')).status).toBe(200);
  });

  it('keeps the status of limits and malformed requests in both types', async () => {
    const costly = {
      query: `{ ${Array.from({ length: 99 }, (_, i) => `a${i}: region(code: "weihai") { stats { talents { total resident } houses { total } investment { total { amount } } } }`).join(' ')} }`,
    };
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      expect(await post(costly, accept)).toMatchObject({ status: 400, codes: ['COST_LIMIT_EXCEEDED'] });
      expect(await post({ query: '{ __typename }', variables: '{}' }, accept)).toMatchObject({
        status: 400,
        codes: ['BAD_REQUEST'],
      });
      expect(await post({ query: '{ __typename }', operationName: 5 }, accept)).toMatchObject({
        status: 400,
        codes: ['BAD_REQUEST'],
      });
    }
  });

  it('never answers a malformed request from the response cache of a well-formed one', async () => {
    const body = { query: '{ themes(first: 1) { totalCount } }' };
    for (let i = 0; i < 3; i++) await post(body, JSON_TYPE);
    for (const bad of [{ extensions: 'string' }, { operationName: { obj: 1 } }, { variables: [1] }]) {
      expect(await post({ ...body, ...bad }, JSON_TYPE)).toMatchObject({
        status: 400,
        codes: ['BAD_REQUEST'],
      });
    }
  });
});
