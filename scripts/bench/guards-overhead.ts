/**
 * What the per-request guards cost (static cost from the per-operation cache, the rate limiter's
 * accounting in memory, `extensions.cost` and the RateLimit headers): the contract operations run
 * in-process through Apollo's `executeOperation`, 10,000 times each after a warm-up, with and without
 * the guards, alternating in rounds. Usage: DATABASE_URL=postgresql://… npx tsx scripts/bench/guards-overhead.ts
 * (the database gets the migrations and the demo dataset when empty).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { HeaderMap } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import { openDatabase } from '../../src/db/database.js';
import { createContext } from '../../src/graphql/context.js';
import { guardsPlugin } from '../../src/graphql/guards.js';
import { Throttles } from '../../src/graphql/rate-limit.js';
import { getSchema } from '../../src/graphql/schema.js';
import { createApollo } from '../../src/server.js';

const N = Number(process.env.N ?? 10_000);
const HOOKS_ONLY = process.env.HOOKS_ONLY === '1';
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('set DATABASE_URL');
const database = await openDatabase({ databaseUrl, dataDir: '/tmp', seed: true });
const em = database.orm.em;
const auth = { secret: new TextEncoder().encode('x'.repeat(32)), tokenTtlSeconds: 60, failureDelayMs: 0 };
const throttles = new Throttles({
  points: 1e12,
  windowSeconds: 60,
  login: { maxFailures: 5, maxFailuresPerIp: 50, windowSeconds: 900, lockoutSeconds: 60 },
});
const guarded = await createApollo({
  maxQueryDepth: 12,
  log: () => {},
  guards: { limits: { maxCost: 50_000, maxAliases: 100, maxFields: 2_000 }, throttles },
});
const bare = await createApollo({ maxQueryDepth: 12, log: () => {}, guards: false });

const contract = (name: string) =>
  readFileSync(new URL(`../../../shared/contract/${name}.graphql`, import.meta.url), 'utf8');
const talent = (
  (await em.getKnex().raw('select id from talent where public_profile order by id limit 1')).rows[0] as {
    id: string;
  }
).id;
const operations = [
  { name: 'TownDashboard', query: contract('TownDashboard'), variables: { town: 'dashuibo' } },
  {
    name: 'TalentProfile',
    query: contract('TalentProfile'),
    variables: { id: Buffer.from(`Talent:${talent}`).toString('base64url') },
  },
  {
    name: 'themes (no SQL beyond one small list)',
    query: '{ themes(first: 3) { nodes { code } } }',
    variables: {},
  },
];

async function run(apollo: typeof guarded, op: (typeof operations)[number], n: number) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const ctx = createContext(em, auth, { clientAddress: '127.0.0.1' });
    const response = await apollo.executeOperation(
      { query: op.query, variables: op.variables },
      { contextValue: ctx },
    );
    if (response.body.kind !== 'single' || response.body.singleResult.errors) {
      throw new Error(JSON.stringify(response.body));
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / n;
}

for (const op of HOOKS_ONLY ? [] : operations) {
  await run(guarded, op, 500);
  await run(bare, op, 500);
  const withGuards: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    without.push(await run(bare, op, N));
    withGuards.push(await run(guarded, op, N));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${op.name}: ${median(without).toFixed(1)} µs CPU/request without the guards, ${median(withGuards).toFixed(1)} µs with (+${(median(withGuards) - median(without)).toFixed(1)} µs); rounds: ${without.map((x) => x.toFixed(1)).join('/')} vs ${withGuards.map((x) => x.toFixed(1)).join('/')}`,
  );
}
// The guards' own hooks alone, on a parsed operation as Apollo hands it to repeated requests.
const schema = await getSchema();
for (const op of operations) {
  const document = parse(op.query);
  const operation = getOperationAST(document)!;
  for (const [label, options] of [
    ['cost only', { limits: { maxCost: 50_000, maxAliases: 100, maxFields: 2_000 } }],
    [
      'cost + rate limiter (memory)',
      { limits: { maxCost: 50_000, maxAliases: 100, maxFields: 2_000 }, throttles },
    ],
  ] as const) {
    const listener = (await guardsPlugin(options).requestDidStart!({} as never))!;
    const M = 100_000;
    const hook = async () => {
      const contextValue = createContext(em, auth, { clientAddress: '127.0.0.1' });
      const requestContext = {
        schema,
        document,
        operation,
        contextValue,
        request: { variables: op.variables },
        response: {
          http: { headers: new HeaderMap() },
          body: { kind: 'single', singleResult: { data: {} } },
        },
      } as never;
      await listener.didResolveOperation!(requestContext);
      await listener.willSendResponse!(requestContext);
    };
    for (let i = 0; i < 10_000; i++) await hook();
    const started = process.hrtime.bigint();
    for (let i = 0; i < M; i++) await hook();
    console.log(
      `${op.name}, hooks alone (${label}): ${(Number(process.hrtime.bigint() - started) / 1e3 / M).toFixed(2)} µs/request`,
    );
  }
}
await guarded.stop();
await bare.stop();
await database.close();
