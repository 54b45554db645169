import type { HostileCase } from './corpus.js';

/**
 * Bounded work per request: operations that would occupy the server (aliases, deep lists with large
 * pages, many nodes, fragment bombs, network fan-out) are refused before execution with
 * COST_LIMIT_EXCEEDED, and sign-in guesses sent at once are throttled. The runner uses the default
 * limits; the rate limiter's 429 is exercised with small limits in test/guards-http.test.ts.
 */
const stats = '{ stats { talents { total resident } houses { total } investment { total { amount } } } }';
const aliases = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const fakeIds = (n: number) =>
  Array.from({ length: n }, (_, i) => Buffer.from(`Village:${i}`).toString('base64url'));

/** The refusal must say what it cost and what the limit is, and come before any SQL ran. */
function refusedBeforeSql(response: Response, body: unknown) {
  const { errors, data } = body as { errors: { extensions: Record<string, unknown> }[]; data?: unknown };
  if (data !== undefined) throw new Error('a refused operation must not run');
  if (response.headers.get('x-sql-statements') !== '0')
    throw new Error(`refused after ${response.headers.get('x-sql-statements')} statements`);
  if (!errors[0]?.extensions) throw new Error('no extensions');
}

/** Refused as too large by the count before validation: coded, no SQL, not graphql-js's "Validation aborted.". */
function refusedBeforeValidation(response: Response, body: unknown) {
  refusedBeforeSql(response, body);
  const text = JSON.stringify(body);
  if (text.includes('GRAPHQL_VALIDATION_FAILED') || text.includes('aborted'))
    throw new Error(`validated before being refused: ${text.slice(0, 300)}`);
}

const fragmentBomb = () => {
  // Each fragment spreads the next twice: 2^12 copies if expanded.
  const levels = Array.from(
    { length: 12 },
    (_, i) =>
      `fragment F${i} on Village { id ${i < 11 ? `...F${i + 1} h${i}: houses(first: 1) { nodes { village { ...F${i + 1} } } }` : ''} }`,
  ).join('\n');
  return `{ villages(first: 1) { nodes { ...F0 } } }\n${levels}`;
};

export const cases: HostileCase[] = [
  {
    name: '1,000 aliases of a region dashboard (refused while parsing: over 10,000 tokens)',
    send: (t) => t.graphql({ query: aliases(1000, `region(code: "weihai") ${stats}`) }),
    status: 200,
    code: 'GRAPHQL_PARSE_FAILED',
    maxMs: 1_000,
    check(_response, body) {
      if (!/more tha[nt] 10000 tokens/.test(JSON.stringify(body)))
        throw new Error('the message should name the limit');
    },
  },
  {
    name: 'a 4 MB document of 200,000 aliases, signed in (anonymous bodies stop at 256 KiB)',
    send: async (t) =>
      t.graphql(
        { query: aliases(200_000, 'themes { totalCount }') },
        { authorization: `Bearer ${await t.token('PARTNER')}` },
      ),
    status: 200,
    code: 'GRAPHQL_PARSE_FAILED',
    maxMs: 2_000,
  },
  {
    name: '99 aliases of a region dashboard (under the alias limit, over the cost limit)',
    send: (t) => t.graphql({ query: aliases(99, `region(code: "weihai") ${stats}`) }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check(response, body) {
      refusedBeforeSql(response, body);
      const cost = (body as { extensions?: { cost?: { requested: number; limit: number } } }).extensions
        ?.cost;
      if (!cost || cost.requested <= cost.limit)
        throw new Error(`extensions.cost should show the excess: ${cost}`);
    },
  },
  {
    name: 'network at depth 3 × 50 aliases',
    send: (t) =>
      t.graphql({
        query: aliases(
          50,
          'network(from: "VGFsZW50OjE", depth: 3, first: 500) { nodes { id } edges { from } }',
        ),
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check: refusedBeforeSql,
  },
  {
    name: 'three levels of lists at 100 each',
    send: (t) =>
      t.graphql({
        query:
          '{ villages(first: 100) { nodes { houses(first: 100) { nodes { leases(first: 100) { nodes { id } } } } } } }',
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check: refusedBeforeSql,
  },
  {
    name: 'three levels of lists at 100 each, the page sizes in variables',
    send: (t) =>
      t.graphql({
        query:
          'query($n: Int, $m: Int) { villages(first: $n) { nodes { projects(last: $m) { nodes { investments(first: $n) { nodes { id } } } } } } }',
        variables: { n: 100, m: 100 },
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check: refusedBeforeSql,
  },
  {
    name: 'the same operation with small page sizes in variables runs',
    send: (t) =>
      t.graphql({
        query:
          'query($n: Int, $m: Int) { villages(first: $n) { nodes { projects(last: $m) { nodes { investments(first: $n) { nodes { id } } } } } } }',
        variables: { n: 5, m: 5 },
      }),
    status: 200,
  },
  {
    name: '100 node ids each with nested lists of 100',
    send: (t) =>
      t.graphql({
        query:
          'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Village { projects(first: 100) { nodes { investments(first: 100) { nodes { id } } } } } } }',
        variables: { ids: fakeIds(100) },
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check: refusedBeforeSql,
  },
  {
    name: '100 node(id:) aliases each with nested lists of 100',
    send: (t) =>
      t.graphql({
        query: aliases(
          100,
          'node(id: "VmlsbGFnZTox") { ... on Village { houses(first: 100) { nodes { leases(first: 10) { nodes { id } } } } } }',
        ),
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check: refusedBeforeSql,
  },
  {
    name: '101 aliases of a cheap field',
    send: (t) => t.graphql({ query: aliases(101, 'themes(first: 1) { totalCount }') }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    check(response, body) {
      refusedBeforeSql(response, body);
      if (!JSON.stringify(body).includes('aliased fields'))
        throw new Error('the message should name the aliases');
    },
  },
  {
    name: '2,500 copies of one field (refused before validation)',
    send: (t) => t.graphql({ query: `{ themes(first: 1) { nodes { ${'code '.repeat(2500)} } } }` }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
    check: refusedBeforeValidation,
  },
  {
    name: '800 copies of one field (graphql-js would compare them pairwise, then give up)',
    send: (t) => t.graphql({ query: `{ villages { ${'totalCount '.repeat(800)} } }` }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
    check(response, body) {
      refusedBeforeValidation(response, body);
      const { errors } = body as { errors: { message: string }[] };
      if (!errors[0]?.message.includes('"totalCount" 800 times'))
        throw new Error('the message should name the repeated field');
    },
  },
  {
    name: '800 copies of one alias, each with other arguments',
    send: (t) =>
      t.graphql({
        query: `{ ${Array.from({ length: 800 }, (_, i) => `a: villages(first: ${(i % 100) + 1}) { totalCount }`).join(' ')} }`,
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
    check: refusedBeforeValidation,
  },
  {
    name: '800 copies of one list with conflicting arguments (graphql-js would list 100 conflicts)',
    send: (t) =>
      t.graphql({
        query: `{ ${Array.from({ length: 800 }, (_, i) => `villages(first: ${(i % 100) + 1}) { totalCount }`).join(' ')} }`,
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
    check: refusedBeforeValidation,
  },
  {
    name: '60 fragments that each select the same field, spread into one selection',
    send: (t) =>
      t.graphql({
        query: `{ villages { ${Array.from({ length: 60 }, (_, i) => `...F${i}`).join(' ')} } }\n${Array.from({ length: 60 }, (_, i) => `fragment F${i} on VillageConnection { totalCount }`).join('\n')}`,
      }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
    check: refusedBeforeValidation,
  },
  {
    name: '50 copies of one field (the most allowed) still run',
    send: (t) => t.graphql({ query: `{ villages(first: 1) { ${'totalCount '.repeat(50)} } }` }),
    status: 200,
    check(_response, body) {
      if (
        typeof (body as { data?: { villages?: { totalCount?: unknown } } }).data?.villages?.totalCount !==
        'number'
      )
        throw new Error(`expected an answer: ${JSON.stringify(body).slice(0, 300)}`);
    },
  },
  {
    name: 'a fragment bomb (each fragment spreads the next twice, 12 deep)',
    send: (t) => t.graphql({ query: fragmentBomb() }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 2_000,
    check: refusedBeforeSql,
  },
  {
    name: 'the fragment bomb again (its refusal is remembered)',
    send: (t) => t.graphql({ query: fragmentBomb() }),
    status: 400,
    code: 'COST_LIMIT_EXCEEDED',
    maxMs: 500,
  },
  {
    name: 'an operation name of 100,000 characters',
    send: (t) => t.graphql({ query: `query ${'A'.repeat(100_000)} { themes(first: 1) { nodes { code } } }` }),
    status: 200,
    check(_response, body) {
      if (!(body as { data?: { themes?: unknown } }).data?.themes) throw new Error('the query should run');
    },
  },
  {
    name: 'network at depth 3 × 5 aliases, under the cost limit, answers in bounded time',
    send: (t) =>
      t.graphql({ query: aliases(5, 'network(from: "VGFsZW50OjE", depth: 3, first: 500) { nodes { id } }') }),
    status: 200,
    maxMs: 5_000,
  },
  {
    name: 'a dashboard of the whole city, once',
    send: (t) => t.graphql({ query: `{ region(code: "weihai") ${stats} }` }),
    status: 200,
    check(response, body) {
      const cost = (body as { extensions?: { cost?: { requested: number; remaining?: number } } }).extensions
        ?.cost;
      if (!cost?.requested) throw new Error('every answer carries extensions.cost');
      if (!response.headers.get('ratelimit-remaining')) throw new Error('RateLimit headers expected');
      // An anonymous answer may be cached and served to others: what is left is in the header only.
      if (cost.remaining !== undefined) throw new Error('a cacheable answer must not carry remaining');
    },
  },
  {
    name: '10 wrong passwords for one account at once',
    async send(t) {
      const attempt = () =>
        t.graphql({
          query:
            'mutation($e: String!) { login(input: { email: $e, password: "guess" }) { token userErrors { code } } }',
          variables: { e: 'hostile-guessed@tests.example' },
        });
      const answers = await Promise.all(Array.from({ length: 10 }, attempt));
      const limited = answers.find((a) => a.status === 429);
      for (const a of answers) if (a !== limited) await a.body?.cancel();
      return limited ?? answers[0]!;
    },
    status: 429,
    code: 'RATE_LIMITED',
    check(response, body) {
      if (!Number(response.headers.get('retry-after'))) throw new Error('Retry-After expected');
      const retry = (body as { errors: { extensions: { retryAfter?: number } }[] }).errors[0]?.extensions
        .retryAfter;
      if (!retry) throw new Error('extensions.retryAfter expected');
    },
  },
];
