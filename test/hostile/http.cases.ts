import { expect } from 'vitest';
import type { HostileCase } from './corpus.js';

/** HTTP-level hostile input. */
export const cases: HostileCase[] = [
  {
    name: 'a bearer token that is not a token',
    send: (t) => t.graphql({ query: '{ viewer { email } }' }, { authorization: 'Bearer not-a-token' }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a body that is not JSON',
    send: (t) =>
      fetch(`${t.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an operation nested deeper than the depth limit',
    send: (t) =>
      t.graphql({
        query: `{ region(code:"weihai") ${'{ children { nodes '.repeat(8)}{ code }${' } }'.repeat(8)} }`,
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: 'a path that does not exist',
    send: (t) => fetch(`${t.base}/../../etc/passwd`),
    status: 404,
  },
  {
    name: 'an anonymous 300 KB body of 20,000 variables (JSON parsing holds the one thread)',
    send: (t) =>
      t.graphql({
        query: '{ __typename }',
        variables: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
      }),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'the same body with a forged bearer token',
    send: (t) =>
      t.graphql(
        {
          query: '{ __typename }',
          variables: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
        },
        { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      ),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a signed-in caller may send a larger body (a spreadsheet to import)',
    send: async (t) =>
      t.graphql(
        { query: '{ __typename }', variables: { padding: 'x'.repeat(400_000) } },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      ),
    status: 200,
  },
  {
    name: 'an export where with a misspelt field: refused without hints at the schema',
    send: async (t) =>
      fetch(`${t.base}/export/talents.csv?where=${encodeURIComponent('{"nope":1}')}`, {
        headers: { authorization: `Bearer ${await t.token('ADMIN')}` },
      }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (_r, body) => expect(JSON.stringify(body)).not.toMatch(/Did you mean/),
  },
];
