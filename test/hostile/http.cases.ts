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
];
