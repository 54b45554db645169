import { request } from 'node:http';
import { expect } from 'vitest';
import type { HostileCase, HostileTarget } from './corpus.js';

/**
 * What browsers and careless clients send: preflights and cross-origin simple requests (CORS, CSRF),
 * malformed GraphQL requests (variables, operation names, persisted queries, batches, content types)
 * and oversized bodies. Each gets a coded 4xx; none a 500 or INTERNAL_SERVER_ERROR.
 */
const TEN_MB = 10 * 1024 * 1024;
const post = (t: HostileTarget, body: string, headers: Record<string, string>) =>
  fetch(`${t.base}/graphql`, { method: 'POST', headers, body });
const get = (t: HostileTarget, params: string, headers: Record<string, string> = {}) =>
  fetch(`${t.base}/graphql?${params}`, { headers });
const q = encodeURIComponent;
const THEME = 'query($code: String!) { theme(code: $code) { name } }';

/**
 * A POST through node:http, which fetch cannot send: a body declared with `Expect: 100-continue`, or
 * a Content-Length larger than what is sent. The body is sent only when the server asks for it.
 */
function rawPost(
  t: HostileTarget,
  declared: number,
  options: { expectContinue?: boolean; send?: number } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': declared,
        ...(options.expectContinue ? { expect: '100-continue' } : {}),
      },
    });
    req.on('continue', () => req.end(Buffer.alloc(declared, 0x20)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode }));
      });
    });
    req.on('error', reject);
    if (options.send !== undefined) req.write(Buffer.alloc(options.send, 0x20));
    else if (!options.expectContinue) req.end(Buffer.alloc(declared, 0x20));
    else req.flushHeaders();
  });
}

export const cases: HostileCase[] = [
  {
    name: 'a CORS preflight from any page',
    send: (t) =>
      fetch(`${t.base}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://any.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      }),
    status: 204,
    check(res) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    },
  },
  {
    name: 'a preflight from a sandboxed page (Origin: null)',
    send: (t) =>
      fetch(`${t.base}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'POST' },
      }),
    status: 204,
  },
  {
    name: 'OPTIONS that is no preflight',
    send: (t) => fetch(`${t.base}/graphql`, { method: 'OPTIONS' }),
    status: 204,
    check: (res) => expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS'),
  },
  {
    name: 'a cross-origin simple POST (text/plain) carrying a mutation: CSRF',
    send: (t) =>
      post(
        t,
        JSON.stringify({ query: 'mutation { login(input: { email: "a@b.c", password: "x" }) { token } }' }),
        {
          origin: 'https://evil.example',
          'content-type': 'text/plain',
        },
      ),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a cross-origin form POST: CSRF',
    send: (t) =>
      post(t, `query=${q('{ __typename }')}`, {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a GET without a preflight header: CSRF',
    send: (t) => get(t, `query=${q('{ __typename }')}`, { origin: 'https://evil.example' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a required variable left out',
    send: (t) => t.graphql({ query: THEME }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a variable of the wrong type',
    send: (t) => t.graphql({ query: THEME, variables: { code: [1, 2] } }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a value that is not in the enum (Locale "FR")',
    send: (t) =>
      t.graphql({
        query: 'query($l: Locale) { theme(code: "tea") { name(locale: $l) } }',
        variables: { l: 'FR' },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 5 MB string where an Int goes, signed in (the message quotes it, cut)',
    send: async (t) =>
      t.graphql(
        {
          query: 'query($n: Int) { themes(first: $n) { nodes { code } } }',
          variables: { n: 'x'.repeat(5 * 1024 * 1024) },
        },
        { authorization: `Bearer ${await t.token('PARTNER')}` },
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: (_res, body) => expect(JSON.stringify(body).length).toBeLessThan(2_000),
  },
  {
    name: 'a mutation input that is a number',
    send: (t) =>
      t.graphql({
        query: 'mutation($i: UpdateVillageInput!) { updateVillage(input: $i) { userErrors { code } } }',
        variables: { i: 5 },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'two operations and no operationName',
    send: (t) => t.graphql({ query: 'query A { __typename } query B { __typename }' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'an operationName the document does not have',
    send: (t) => t.graphql({ query: 'query A { __typename }', operationName: 'B' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'an operationName of 1 MB, signed in',
    send: async (t) =>
      t.graphql(
        { query: '{ __typename }', operationName: 'x'.repeat(1024 * 1024) },
        { authorization: `Bearer ${await t.token('PARTNER')}` },
      ),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    check: (_res, body) => expect(JSON.stringify(body).length).toBeLessThan(2_000),
  },
  {
    name: 'an operationName that is an object',
    send: (t) => t.graphql({ query: '{ __typename }', operationName: { $ne: null } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a subscription (served over WebSocket and Server-Sent Events, not plain requests)',
    send: (t) => t.graphql({ query: 'subscription { regionStatsChanged(code: "dashuibo") { id } }' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a persisted query whose hash is not its text',
    send: (t) =>
      t.graphql({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a persisted query of version 2',
    send: (t) =>
      t.graphql({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a persisted-query hash that is an object whose toString is a string (Apollo failed it as a 500)',
    send: (t) =>
      t.graphql({ extensions: { persistedQuery: { version: 1, sha256Hash: { toString: 'f'.repeat(64) } } } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'the same hash by GET',
    send: (t) =>
      get(
        t,
        `extensions=${q(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: { toString: 'f' } } }))}`,
        {
          'apollo-require-preflight': 'true',
        },
      ),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'extensions that are garbage',
    send: (t) => t.graphql({ query: '{ __typename }', extensions: { persistedQuery: [1, 2, 3] } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a mutation by GET',
    send: (t) =>
      get(t, `query=${q('mutation { login(input: { email: "a@b.c", password: "x" }) { token } }')}`, {
        'apollo-require-preflight': 'true',
      }),
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a batch of operations',
    send: (t) => t.graphql([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an empty JSON body',
    send: (t) => post(t, '', { 'content-type': 'application/json' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an XML body',
    send: (t) => post(t, '<query>{ __typename }</query>', { 'content-type': 'application/xml' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a query that is not a string',
    send: (t) => t.graphql({ query: { kind: 'Document', definitions: [] } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables that are a JSON string, and an array',
    async send(t) {
      const array = await t.graphql({ query: '{ __typename }', variables: [1] });
      expect(array.status).toBe(400);
      return t.graphql({ query: '{ __typename }', variables: '{"a":1}' });
    },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'PUT and DELETE',
    async send(t) {
      const del = await fetch(`${t.base}/graphql`, {
        method: 'DELETE',
        headers: { 'apollo-require-preflight': '1' },
      });
      expect(del.status).toBe(405);
      return fetch(`${t.base}/graphql`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
    },
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a 10 MB body (Content-Length)',
    send: (t) => post(t, ' '.repeat(TEN_MB), { 'content-type': 'application/json' }),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a 10 MB body streamed (chunked)',
    send(t) {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      return fetch(`${t.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
    },
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a 10 MB body with Expect: 100-continue',
    send: (t) => rawPost(t, TEN_MB, { expectContinue: true }),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body declared as 1 GB of which a few bytes come',
    send: (t) => rawPost(t, 1024 * 1024 * 1024, { send: 10 }),
    status: 413,
    code: 'BAD_REQUEST',
    maxMs: 2_000,
  },
];
