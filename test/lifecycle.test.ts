import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/db/embedded.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

/** Starts the API (through `npm start`, or node directly) and resolves with its URL once it says it is ready. */
function start(
  env: Record<string, string>,
  via: 'npm' | 'node',
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, ...base } = process.env;
  const [command, args] =
    via === 'npm' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/main.ts']];
  const child = spawn(command as string, args as string[], {
    cwd: root,
    // NODE_ENV=production: vitest sets 'test', which changes how some libraries treat signals.
    env: { ...base, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });

const gql = async (url: string, query: string) =>
  (await (
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
  ).json()) as {
    data: any;
  };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('npm start on an embedded PostgreSQL', () => {
  it('seeds a new data directory, keeps data across restarts and stops cleanly, PostgreSQL included, on SIGTERM to npm start and SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgraph-start-'));
    await chmod(dir, 0o755);
    const dataDir = join(dir, 'data');
    const pgPort = await freePort();
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
    try {
      const first = await start(env, 'npm');
      const health = await fetch(first.url.replace('/graphql', '/health'));
      expect(health.status).toBe(200);
      const before = await gql(
        first.url,
        '{ region(code: "dashuibo") { name(locale: EN) } talents { totalCount } }',
      );
      expect(before.data.region.name).toBe('Dashuibo');
      expect(before.data.talents.totalCount).toBeGreaterThan(50);

      const db = new pg.Client({
        connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/postgres`,
      });
      await db.connect();
      await db.query("update region set name_en = 'Dashuibo Town' where code = 'dashuibo'");
      await db.end();

      const postmaster = join(dataDir, 'pg', 'postmaster.pid');
      const pgPid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
      expect(await stop(first.child, 'SIGTERM')).toBe(0);
      expect(existsSync(postmaster)).toBe(false);
      expect(alive(pgPid)).toBe(false);

      const second = await start(env, 'node');
      const after = await gql(
        second.url,
        '{ region(code: "dashuibo") { name(locale: EN) } talents { totalCount } }',
      );
      expect(after.data.region.name).toBe('Dashuibo Town');
      expect(after.data.talents.totalCount).toBe(before.data.talents.totalCount);
      expect(second.output()).not.toMatch(/loaded the demo dataset/);
      expect(await stop(second.child, 'SIGINT')).toBe(0);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
