import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';

/**
 * Smoke test of `npm run bench`, PostGraphile included, so the benchmark cannot rot: the tiniest scale, a
 * second of load. It checks that the benchmark runs, that the API and the one-SQL limit agree on every
 * operation and that PostGraphile's answers hold the same things (the benchmark refuses to measure
 * otherwise; PostGraphile is installed into scripts/bench/postgraphile on first use), and that it
 * reports every figure; never how fast anything is.
 */
it('runs the benchmark end to end at SF=1 beside PostGraphile and reports every figure', {
  timeout: 300_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'revgraph-bench-test-'));
  const out = join(dir, 'results.json');
  const server = new URL(inject('databaseUrl'));
  server.pathname = '/postgres';
  try {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/bench/main.ts',
          '--sf',
          '1',
          '--duration',
          '1',
          '--warmup',
          '0',
          '--connections',
          '4',
          '--skip-startup',
          '--out',
          out,
        ],
        { env: { ...process.env, DATABASE_URL: server.toString() }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(code, stdout).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-2)).toMatch(
      /^PostGraphile SF=1: Q1 \d+\.\d\d Q2 \d+\.\d\d Q3 \d+\.\d\d \(ratio to one-SQL limit\)$/,
    );
    expect(lines.at(-1)).toMatch(
      /^bench SF=1: Q1 \d+\.\d\d Q2 \d+\.\d\d Q3 \d+\.\d\d \(ratio to one-SQL limit\)$/,
    );
    const report = JSON.parse(await readFile(out, 'utf8'));
    for (const operation of ['q1', 'q2', 'q3']) {
      for (const server of ['api', 'limit', 'api-cached', 'postgraphile']) {
        const row = report.results.find((r: any) => r.operation === operation && r.server === server);
        expect(row, `${operation} ${server}`).toMatchObject({ sf: 1, errors: 0 });
        expect(row.rps).toBeGreaterThan(0);
        expect(row.p99).toBeGreaterThanOrEqual(row.p50);
        expect(row.rssMb).toBeGreaterThan(0);
      }
      const api = report.results.find((r: any) => r.operation === operation && r.server === 'api');
      expect(api.statements).toBeGreaterThan(0);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
