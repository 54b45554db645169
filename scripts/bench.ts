import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench [-- --seconds 10 --connections 16]`: starts the API (embedded PostgreSQL in a
 * temporary directory, or DATABASE_URL) and loads it from this process over 127.0.0.1 with the
 * contract operations, then prints requests/s, latency percentiles, SQL statements per request and
 * the API's memory. Figures vary between runs on shared machines: compare within one run.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string' }, connections: { type: 'string' } } });
const seconds = Number(values.seconds ?? 10);
const connections = Number(values.connections ?? 16);
const contract = (name: string) =>
  readFileSync(new URL(`../../shared/contract/${name}.graphql`, import.meta.url), 'utf8');

async function start(): Promise<{ child: ChildProcess; url: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'revgraph-bench-'));
  await chmod(dir, 0o755);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the API exited with ${code}`)));
  });
  return {
    child,
    url,
    cleanup: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function post(url: string, query: string, variables: object) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { statements: Number(res.headers.get('x-sql-statements')), body };
}

async function load(url: string, query: string, variables: object, durationMs: number) {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await post(url, query, variables);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return {
    requests: latencies.length,
    rps: latencies.length / (durationMs / 1000),
    p50: pct(50),
    p99: pct(99),
  };
}

const api = await start();
try {
  const talent = (
    await post(api.url, '{ talents(where: { displayName: { eq: "李久太" } }) { nodes { id } } }', {})
  ).body as {
    data: { talents: { nodes: { id: string }[] } };
  };
  const operations = [
    {
      name: 'Q1 ShowcaseVillages',
      query: contract('ShowcaseVillages'),
      variables: { town: 'dashuibo', theme: 'tea', first: 20 },
    },
    {
      name: 'Q2 TalentProfile',
      query: contract('TalentProfile'),
      variables: { id: talent.data.talents.nodes[0]!.id },
    },
    { name: 'Q3 TownDashboard', query: contract('TownDashboard'), variables: { town: 'dashuibo' } },
  ];
  const results = [];
  for (const op of operations) {
    const { statements } = await post(api.url, op.query, op.variables);
    await load(api.url, op.query, op.variables, 1500);
    const r = await load(api.url, op.query, op.variables, seconds * 1000);
    results.push({ operation: op.name, statements, ...r, rssMb: rss(api.child.pid!) });
    console.log(
      `${op.name.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${statements} SQL/request  RSS ${rss(api.child.pid!).toFixed(0)} MB`,
    );
  }
  console.log(JSON.stringify({ seconds, connections, results }));
} finally {
  await api.cleanup();
}
