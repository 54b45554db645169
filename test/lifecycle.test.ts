import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/embedded.js';
import { StartupRefusal } from '../src/lib/refusal.js';

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

      // The superuser's password is random, kept in the data directory (never postgres/postgres).
      const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(24);
      const legacy = new pg.Client({
        connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/postgres`,
      });
      await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
      const db = new pg.Client({
        connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/postgres`,
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

/** Runs `npm run <script> -- <args>` with `env`; its exit code and output. */
function runNpm(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _a, TEST_DATABASE_URL: _b, ...base } = process.env;
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: root,
    env: { ...base, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('scripts beside a running API, and a PostgreSQL that dies', () => {
  it("runs user:create, import, export and db:migrate on the API's own PostgreSQL, refuses db:reset, and the API stays healthy; a killed PostgreSQL is started again; a killed API's orphan is taken over", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgraph-scripts-'));
    await chmod(dir, 0o755);
    const dataDir = join(dir, 'data');
    const env = { DATA_DIR: dataDir };
    try {
      const api = await start(env, 'node');
      const healthy = async () => {
        const health = await fetch(api.url.replace('/graphql', '/health'));
        expect(health.status).toBe(200);
        const answer = await gql(api.url, '{ region(code: "dashuibo") { name(locale: EN) } }');
        expect(answer.data.region.name).toBe('Dashuibo');
      };
      const postmaster = () =>
        Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const pgPid = postmaster();

      const created = await runNpm('user:create', ['--email', 'beside@tests.example', '--role', 'ADMIN'], {
        ...env,
        USER_PASSWORD: 'a long password beside',
      });
      expect(created.output).toMatch(/created ADMIN beside@tests.example/);
      expect(created.code).toBe(0);
      await healthy();
      // The account is in the API's database: it signs in through the API.
      const login = await gql(
        api.url,
        'mutation { login(input: { email: "beside@tests.example", password: "a long password beside" }) { token } }',
      );
      expect(login.data.login.token).toBeTruthy();

      const csv = join(dir, 'talents.csv');
      const exported = await runNpm('export', ['talents', '--region', 'dashuibo', '--out', csv], env);
      expect(exported.code, exported.output).toBe(0);
      expect(readFileSync(csv, 'utf8').split('\n').length).toBeGreaterThan(50);
      await healthy();

      const imported = await runNpm('import', ['talents', csv, '--region', 'dashuibo', '--dry-run'], env);
      expect(imported.code, imported.output).toBe(0);
      await healthy();

      const migrated = await runNpm('db:migrate', [], env);
      expect(migrated.code, migrated.output).toBe(0);
      expect(migrated.output).toMatch(/database is at/);
      await healthy();

      const reset = await runNpm('db:reset', [], env);
      expect(reset.code).toBe(2);
      expect(reset.output).toMatch(/refuses while the API runs/);
      await healthy();
      // None of them stopped or replaced the API's PostgreSQL.
      expect(postmaster()).toBe(pgPid);

      // A second API on the same data directory refuses to start instead of taking it over: one
      // line saying who holds it and what to do, no stack trace, a non-zero exit.
      const refused = await start(env, 'node').then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/^exited with 1 before ready:/);
      expect(refused).toMatch(
        /Not starting: \S+ is in use by a running API \(pid \d+; its PostgreSQL listens on 127\.0\.0\.1:\d+\)\. Stop it first, or give this one another DATA_DIR\./,
      );
      expect(refused).not.toMatch(/^\s+at /m);
      expect(refused.trim().split('\n')).toHaveLength(2);
      await healthy();

      // PostgreSQL killed under the API: the API starts it again and answers within seconds.
      process.kill(pgPid, 'SIGKILL');
      const killedAt = Date.now();
      let status = 0;
      while (Date.now() - killedAt < 30_000 && status !== 200) {
        await new Promise((r) => setTimeout(r, 250));
        status = await fetch(api.url.replace('/graphql', '/health')).then(
          (r) => r.status,
          () => 0,
        );
      }
      expect(status).toBe(200);
      expect(postmaster()).not.toBe(pgPid);
      await healthy();

      // The API killed outright leaves its PostgreSQL orphaned: the next start takes it over.
      const orphan = postmaster();
      api.child.kill('SIGKILL');
      await new Promise((r) => api.child.once('exit', r));
      expect(alive(orphan)).toBe(true);
      const next = await start(env, 'node');
      expect(alive(orphan)).toBe(false);
      const answer = await gql(next.url, '{ region(code: "dashuibo") { name(locale: EN) } }');
      expect(answer.data.region.name).toBe('Dashuibo');
      expect(await stop(next.child, 'SIGTERM')).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('a port another process holds', () => {
  it('refuses to start with one line naming the address and what to do', async () => {
    const config = (port: string) =>
      loadConfig({ DATABASE_URL: inject('writeDatabaseUrl'), HOST: '127.0.0.1', PORT: port, SEED_DEMO: '0' });
    const first = await startApp(config('0'), () => {});
    try {
      const port = new URL(first.url).port;
      const refusal = await startApp(config(port), () => {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(StartupRefusal);
      expect((refusal as Error).message).toBe(
        `Not starting: 127.0.0.1:${port} is in use by another process. Stop that process or set another PORT (or HOST).`,
      );
    } finally {
      await first.stop();
    }
  });
});
