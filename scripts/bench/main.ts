import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { openOrm } from '../../src/db/orm.js';
import { generateDataset, PER_TOWN, PROVINCE, townCode } from './dataset.js';
import { installPostGraphile, POSTGRAPHILE_DIR, POSTGRAPHILE_OPERATIONS } from './postgraphile/operations.js';
import { cpuMeter, rssMb, type Started, startArguments, startProcess } from './processes.js';

/**
 * `npm run bench [-- --sf 1,100 --duration 10 --rounds 2 --connections 16 --ops q1,q2,q3 --out bench-results.json --skip-postgraphile]`
 *
 * First the cold start of `npm start` on an existing data directory (median of three), while the
 * machine is quiet. Then for each scale factor: generates the synthetic dataset into a fresh
 * database (embedded PostgreSQL in a temporary directory, or a database created beside
 * DATABASE_URL), starts the API in production
 * mode and the one-SQL "limit" server on 127.0.0.1, checks that both answer every operation alike,
 * then drives each with autocannon (warm-up, then `--duration` seconds in `--rounds` stretches that
 * alternate with the limit's) and prints req/s, latency,
 * SQL statements per request, memory, CPU of the server and of PostgreSQL, and the ratio API/limit.
 * Cached lines measure the API with its response cache on. PostGraphile v5, the yardstick, answers
 * the same operations over the same data in the same rounds (installed on first use into
 * scripts/bench/postgraphile; `--skip-postgraphile` leaves it out). Figures vary between runs on shared
 * machines: compare within one run.
 */
const { values: options } = parseArgs({
  options: {
    sf: { type: 'string', default: '1,100' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    ops: { type: 'string', default: 'q1,q2,q3' },
    out: { type: 'string', default: 'bench-results.json' },
    'skip-startup': { type: 'boolean', default: false },
    'skip-postgraphile': { type: 'boolean', default: false },
  },
});
const scaleFactors = options.sf.split(',').map(Number);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const rounds = Number(options.rounds);
const connections = Number(options.connections);
const ops = options.ops.split(',').map((o) => o.trim().toLowerCase());
for (const n of [...scaleFactors, duration, connections]) {
  if (!(n > 0)) throw new Error('--sf, --duration and --connections take positive numbers');
}
if (!Number.isInteger(connections) || scaleFactors.some((n) => !Number.isInteger(n))) {
  throw new Error('--sf and --connections take whole numbers');
}
if (!(warmup >= 0)) throw new Error('--warmup takes a number of seconds, 0 or more');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number, 1 or more');
const unknown = ops.filter((o) => !['q1', 'q2', 'q3'].includes(o));
if (unknown.length || ops.length === 0) throw new Error(`--ops takes q1, q2 and/or q3, got ${options.ops}`);

const operation = (name: string) =>
  readFileSync(new URL(`../../operations/${name}.graphql`, import.meta.url), 'utf8');

/** The UUID of talent number `g` of the generated data (as dataset.ts derives it). */
const talentUuid = (g: number) =>
  createHash('md5')
    .update(`talent:${g}`)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const talentId = (g: number) => Buffer.from(`Talent:${talentUuid(g)}`).toString('base64url');

/** A deterministic stream of public talents (every tenth talent has no public profile). */
function talentPicker(sf: number, seed = 1) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    let g = (state % (PER_TOWN.talents * sf)) + 1;
    if (g % 10 === 0) g -= 1;
    return talentId(g);
  };
}

interface Operation {
  key: string;
  name: string;
  query: string;
  /** Variables of the next request (Q2 picks a talent per request). */
  variables: () => Record<string, unknown>;
  /** Variables to check the answers on. */
  samples: Record<string, unknown>[];
}

function operations(sf: number): Operation[] {
  const q1 = { town: townCode(1), theme: 'tea', first: 20, locale: 'EN' };
  const q3 = { town: sf === 1 ? townCode(1) : PROVINCE };
  const pick = talentPicker(sf);
  const samplePick = talentPicker(sf, 7);
  const all: Operation[] = [
    {
      key: 'q1',
      name: 'Q1 showcase',
      query: operation('ShowcaseVillages'),
      variables: () => q1,
      samples: [q1],
    },
    {
      key: 'q2',
      name: 'Q2 talent profile',
      query: operation('TalentProfile'),
      variables: () => ({ id: pick() }),
      samples: Array.from({ length: 20 }, () => ({ id: samplePick() })),
    },
    {
      key: 'q3',
      name: 'Q3 dashboard',
      query: operation('TownDashboard'),
      variables: () => q3,
      samples: [q3],
    },
  ];
  return all.filter((o) => ops.includes(o.key));
}

async function post(url: string, body: object) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { statements: Number(res.headers.get('x-sql-statements') ?? 0), body: JSON.parse(text) as unknown };
}

/** An API answer without its `extensions` (the operation's cost: bookkeeping the limit server has none of). */
function answerOf(body: unknown): unknown {
  const { extensions: _cost, ...answer } = body as Record<string, unknown>;
  return answer;
}

/** The first place two JSON values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d) return d;
    }
  }
  return `${path}: API ${JSON.stringify(a)?.slice(0, 120)} vs limit ${JSON.stringify(b)?.slice(0, 120)}`;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
  serverCpu: number;
  postgresCpu: number;
}

/** One server under load: where to send what. */
interface Target {
  server: Started;
  url: string;
  body: () => object;
}

/** One measured stretch of load on a target. */
interface Stretch {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  serverCpu: number;
  postgresCpu: number;
}

const load = (target: Target, seconds: number) =>
  autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(target.body()) }) }],
  });

async function stretch(target: Target, seconds: number): Promise<Stretch> {
  const meter = cpuMeter(target.server.child.pid!);
  const t0 = performance.now();
  const result = await load(target, seconds);
  return {
    requests: result.requests.total,
    seconds: (performance.now() - t0) / 1000,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    ...meter.read(),
  };
}

/**
 * Waits until PostgreSQL runs no statement in the database `client` is connected to (at most 30 s).
 * The load generator stops at the end of a stretch, but the statements of the requests it leaves in
 * flight run on: without this, they would weigh on the next target's stretch (at SF=100 the
 * dashboard's take ~0.4 s, and PostGraphile's ~1.7 s, 16 at a time).
 */
async function untilIdle(client: pg.Client) {
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()",
    );
    if (rows[0]!.n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // The servers' last answers are being written meanwhile.
  await new Promise((r) => setTimeout(r, 200));
}

/**
 * Drives the targets with autocannon: a warm-up each, then `seconds` of measured load each, in
 * `rounds` alternating stretches (A, B, A, B, …), so that a slow patch of a shared machine weighs on
 * every target alike rather than on whichever happened to run then; each warm-up and stretch starts
 * once PostgreSQL is done with the previous one (`untilIdle(url)`). Per target: req/s over all its
 * stretches, p50 weighted by requests, the worst p99, CPU averaged over time, RSS at the end.
 */
async function drive(targets: Target[], seconds: number, url: string): Promise<Measured[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stretches: Stretch[][] = targets.map(() => []);
  try {
    if (warmup > 0) {
      for (const target of targets) {
        await load(target, warmup);
        await untilIdle(client);
      }
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries()) {
        stretches[i]!.push(await stretch(target, seconds / rounds));
        await untilIdle(client);
      }
    }
  } finally {
    await client.end();
  }
  return targets.map((target, i) => {
    const runs = stretches[i]!;
    const sum = (f: (r: Stretch) => number) => runs.reduce((n, r) => n + f(r), 0);
    const requests = sum((r) => r.requests);
    const time = sum((r) => r.seconds);
    return {
      rps: requests / time,
      p50: sum((r) => r.p50 * r.requests) / Math.max(1, requests),
      p99: Math.max(...runs.map((r) => r.p99)),
      errors: sum((r) => r.errors),
      rssMb: rssMb(target.server.child.pid!),
      serverCpu: sum((r) => r.serverCpu * r.seconds) / time,
      postgresCpu: sum((r) => r.postgresCpu * r.seconds) / time,
    };
  });
}

const line = (label: string, m: Measured, extra: string) =>
  `${label.padEnd(34)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99
    .toFixed(1)
    .padStart(
      6,
    )} ms  RSS ${m.rssMb.toFixed(0).padStart(4)} MB  CPU ${m.serverCpu.toFixed(0).padStart(3)}% (PostgreSQL ${m.postgresCpu
    .toFixed(0)
    .padStart(3)}%)${m.errors ? `  ${m.errors} ERRORS` : ''}  ${extra}`;

async function admin(adminUrl: string, statements: string[]) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates (afresh) database `name` beside `adminUrl` and returns its URL. */
async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  await admin(adminUrl, [`drop database if exists ${name} with (force)`, `create database ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const apiEnv = (databaseUrl: string, cache: 'off' | 'memory') => ({
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  SEED_DEMO: '0',
  PORT: '0',
  HOST: '127.0.0.1',
  RESPONSE_CACHE: cache === 'off' ? '0' : '1',
  // x-sql-statements, off by default in production: the figures count statements.
  DIAGNOSTIC_HEADERS: '1',
  // The rate limiter stays on, so its accounting is measured, with a budget far above this load.
  RATE_LIMIT_POINTS: String(1e12),
});

/**
 * Cold start: `npm start` itself on an existing data directory, until its first GraphQL answer; three
 * starts, before any load (a loaded benchmark database is still being autovacuumed afterwards).
 */
async function coldStart(): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'revgraph-bench-start-'));
  await chmod(dir, 0o755);
  const env = { NODE_ENV: 'production', DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1' };
  try {
    const first = await startProcess(process.execPath, startArguments(), env);
    await first.stop();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const again = await startProcess('npm', ['start', '--silent'], env);
      await post(again.url, { query: '{ themes(first: 1) { totalCount } }' });
      times.push(performance.now() - t0);
      await again.stop();
    }
    return times.sort((a, b) => a - b);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The API runs compiled, as `npm start` runs it: compile first when a source changed.
if (spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' }).status !== 0) {
  throw new Error('the API did not compile');
}

const withPostGraphile = !options['skip-postgraphile'];
if (withPostGraphile) installPostGraphile();
const results: Record<string, unknown>[] = [];
const summaries: string[] = [];
const yardstick: string[] = [];
const tmp = await mkdtemp(join(tmpdir(), 'revgraph-bench-'));
await chmod(tmp, 0o755);
const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: join(tmp, 'pg'), ephemeral: true });
const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
const started: Started[] = [];
const databases: string[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark`);
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  console.log(
    `bench: ${connections} connections, ${warmup} s warm-up + ${duration} s per measurement in ${rounds} alternating rounds, on ${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`,
  );
  const startup = options['skip-startup'] ? null : await coldStart();
  if (startup)
    console.log(
      `cold start of npm start on an existing data directory: ${(startup[1]! / 1000).toFixed(2)} s to the first answer (median of 3; ${startup.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
    );
  for (const sf of scaleFactors) {
    const database = `revgraph_bench_${process.pid}_sf${sf}`;
    databases.push(database);
    const url = await freshDatabase(adminUrl, database);
    await (await openOrm(url)).close();
    const t0 = performance.now();
    const counts = await generateDataset(url, sf);
    console.log(
      `\nSF=${sf}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`,
    );
    // Vacuumed and analysed now, so that autovacuum does not land in one server's stretch later.
    await admin(url, ['vacuum analyze']);
    const api = await startProcess(process.execPath, startArguments(), apiEnv(url, 'off'));
    started.push(api);
    const limit = await startProcess(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/limit-server.ts', url],
      {},
    );
    started.push(limit);
    const cached = await startProcess(process.execPath, startArguments(), apiEnv(url, 'memory'));
    started.push(cached);
    const limitUrl = (key: string) => limit.url.replace(/\/?$/, `/${key}`);
    const postgraphile = withPostGraphile
      ? await startProcess(process.execPath, [join(POSTGRAPHILE_DIR, 'server.mjs'), url], {
          NODE_ENV: 'production',
        })
      : null;
    if (postgraphile) started.push(postgraphile);
    const yardstickRatios: string[] = [];

    const ratios: string[] = [];
    for (const op of operations(sf)) {
      const yardstickOp = postgraphile ? POSTGRAPHILE_OPERATIONS[op.key]! : null;
      // The first request of a shape teaches the API its nested lists' row types: count from the next.
      await post(api.url, { query: op.query, variables: op.samples[0] });
      // The answers must agree before any figure means anything.
      let statements = 0;
      for (const variables of op.samples) {
        const a = await post(api.url, { query: op.query, variables });
        const b = await post(limitUrl(op.key), { variables });
        const c = await post(cached.url, { query: op.query, variables });
        const d = firstDifference(answerOf(a.body), b.body) ?? firstDifference(answerOf(c.body), b.body);
        if (d) throw new Error(`${op.name} at SF=${sf}: the API and the limit disagree at ${d}`);
        statements = Math.max(statements, a.statements);
        if (postgraphile && yardstickOp) {
          const { query, variables: theirs, disagreement } = yardstickOp;
          const p = (await post(postgraphile.url, { query, variables: theirs(variables) })).body as {
            errors?: unknown[];
          };
          const d = p.errors ? JSON.stringify(p.errors).slice(0, 300) : disagreement(a.body, p);
          if (d) throw new Error(`${op.name} at SF=${sf}: the API and PostGraphile disagree on ${d}`);
        }
      }
      const targets: Target[] = [
        { server: api, url: api.url, body: () => ({ query: op.query, variables: op.variables() }) },
        { server: limit, url: limitUrl(op.key), body: () => ({ variables: op.variables() }) },
      ];
      if (postgraphile && yardstickOp) {
        const { query, variables } = yardstickOp;
        targets.push({
          server: postgraphile,
          url: postgraphile.url,
          body: () => ({ query, variables: variables(op.variables()) }),
        });
      }
      const [apiFigures, limitFigures, postgraphileFigures] = (await drive(targets, duration, url)) as [
        Measured,
        Measured,
        Measured?,
      ];
      const ratio = apiFigures.rps / limitFigures.rps;
      console.log(
        line(`SF=${sf} ${op.name} API`, apiFigures, `${statements} SQL/request  ratio ${ratio.toFixed(2)}`),
      );
      console.log(line(`SF=${sf} ${op.name} limit`, limitFigures, '1 SQL/request'));
      results.push({ sf, operation: op.key, server: 'api', statements, ratio, ...apiFigures });
      results.push({ sf, operation: op.key, server: 'limit', statements: 1, ...limitFigures });
      ratios.push(`${op.key.toUpperCase()} ${ratio.toFixed(2)}`);
      if (postgraphileFigures) {
        const theirs = postgraphileFigures.rps / limitFigures.rps;
        console.log(
          line(
            `SF=${sf} ${op.name} PostGraphile`,
            postgraphileFigures,
            `ratio ${theirs.toFixed(2)}  (API ${(apiFigures.rps / postgraphileFigures.rps).toFixed(1)}×)`,
          ),
        );
        results.push({
          sf,
          operation: op.key,
          server: 'postgraphile',
          ratio: theirs,
          ...postgraphileFigures,
        });
        yardstickRatios.push(`${op.key.toUpperCase()} ${theirs.toFixed(2)}`);
      }
    }
    // The cached stretches measure the API alone.
    await postgraphile?.stop();
    for (const op of operations(sf)) {
      // Repeated requests of one operation, answered from the response cache.
      const variables = op.variables();
      const [figures] = (await drive(
        [{ server: cached, url: cached.url, body: () => ({ query: op.query, variables }) }],
        duration,
        url,
      )) as [Measured];
      const limitRps = results.find((r) => r.sf === sf && r.operation === op.key && r.server === 'limit')!
        .rps as number;
      const ratio = figures.rps / limitRps;
      console.log(line(`SF=${sf} ${op.name} API cached`, figures, `repeated  ratio ${ratio.toFixed(2)}`));
      results.push({ sf, operation: op.key, server: 'api-cached', ratio, ...figures });
    }
    if (postgraphile)
      yardstick.push(`PostGraphile SF=${sf}: ${yardstickRatios.join(' ')} (ratio to one-SQL limit)`);
    summaries.push(`bench SF=${sf}: ${ratios.join(' ')} (ratio to one-SQL limit)`);
    for (const s of started.splice(0)) await s.stop();
  }
  writeFileSync(
    options.out,
    `${JSON.stringify({ date: new Date().toISOString(), connections, duration, rounds, warmup, coldStartMs: startup?.[1] ?? null, coldStartsMs: startup, results, yardstick, summaries }, null, 2)}\n`,
  );
  console.log(`\nresults in ${options.out}`);
  for (const s of [...yardstick, ...summaries]) console.log(s);
} finally {
  await cleanUp();
}

/** Stops the servers and PostgreSQL and removes what the run created (also on Ctrl-C). */
async function cleanUp() {
  for (const s of started.splice(0)) await s.stop();
  if (!embedded)
    await admin(
      adminUrl,
      databases.map((d) => `drop database if exists ${d} with (force)`),
    );
  await embedded?.stop();
  await rm(tmp, { recursive: true, force: true });
}
