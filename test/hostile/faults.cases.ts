import type { HostileCase } from './corpus.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Requests that once reached code paths before the input checks (the response cache's key). */
export const cases: HostileCase[] = [
  {
    name: 'variables nested 10,000 levels deep (past the stack of JSON.stringify)',
    send: (t) => t.graphql(`{"query":"{ __typename }","variables":{"w":${nested(10_000)}}}`),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'extensions nested 10,000 levels deep',
    send: (t) => t.graphql(`{"query":"{ __typename }","extensions":{"w":${nested(10_000)}}}`),
    status: [200, 400],
  },
];
