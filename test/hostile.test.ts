/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Role } from '../src/modules/user/user.entity.js';
import { ok } from './helpers.js';
import type { HostileCase, HostileTarget } from './hostile/corpus.js';

/**
 * Runs the hostile-input corpus (`test/hostile/*.cases.ts`) against the whole API (`startApp`: HTTP
 * server, response cache and its listener, write database; a second one with ALLOW_LIST=1 for the
 * cases of registered operations), one case after another: each must get
 * its coded answer within its time bound, and the API must stay healthy with its memory bounded.
 */
const modules = import.meta.glob<{ cases: HostileCase[] }>('./hostile/*.cases.ts', { eager: true });
const corpus = Object.entries(modules).flatMap(([file, m]) =>
  m.cases.map((c) => ({ ...c, file: file.replace(/^.*\//, '') })),
);

let app: App;
let listedApp: App;
let target: HostileTarget;
let baselineRss = 0;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  const config = loadConfig({
    DATABASE_URL: inject('writeDatabaseUrl'),
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: 'hostile-corpus-secret-hostile-corpus-secret',
    LOGIN_FAILURE_DELAY_MS: '50',
  });
  app = await startApp(config, (e) => logged.push(e));
  listedApp = await startApp({ ...config, allowList: true }, (e) => logged.push(e));
  const base = app.url.replace(/\/graphql$/, '');
  const post =
    (url: string) =>
    (body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
  const tokens = new Map<string, string>();
  const { userService } = await import('../src/modules/user/user.service.js');
  const { issueToken, loadSecret } = await import('../src/modules/user/auth.js');
  const secret = await loadSecret(config.jwtSecret, config.dataDir);
  target = {
    base,
    graphql: post(app.url),
    listed: { base: listedApp.url.replace(/\/graphql$/, ''), graphql: post(listedApp.url) },
    async token(role, regionCode) {
      const key = `${role}:${regionCode ?? ''}`;
      if (!tokens.has(key)) {
        const email = `hostile-${role.toLowerCase()}-${regionCode ?? 'all'}@tests.example`;
        const em = app.database.orm.em.fork();
        const { AppUser } = await import('../src/modules/user/user.entity.js');
        const user =
          (await em.findOne(AppUser, { email })) ??
          (await userService.create(em, {
            email,
            password: 'a long test password',
            role: role as Role,
            regionCode,
          }));
        tokens.set(
          key,
          (await issueToken({ secret, tokenTtlSeconds: 600, failureDelayMs: 50 }, user.id, user.tokenVersion))
            .token,
        );
      }
      return tokens.get(key)!;
    },
    sql: async (text, params = []) => (await app.database.orm.em.getKnex().raw(text, params as never[])).rows,
  };
  // Warm up (first compilations, pool) before taking the memory baseline.
  const warm = await target.graphql({ query: '{ themes(first: 1) { nodes { code } } }' });
  ok({ ...((await warm.json()) as object), statements: 0 });
  baselineRss = process.memoryUsage().rss;
});

afterAll(async () => {
  await listedApp?.stop();
  await app?.stop();
});

/** Every `extensions.code` of the body's errors, and every `code` of a `userErrors` entry in its data. */
function codesOf(body: unknown): string[] {
  const codes: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'code' && typeof v === 'string' && (key === 'extensions' || key === 'userErrors'))
          codes.push(v);
        walk(v, k === 'code' ? key : k);
      }
    }
  };
  const b = body as { errors?: unknown; data?: unknown } | undefined;
  walk(b?.errors, 'errors');
  walk(b?.data, 'data');
  return codes;
}

describe('hostile-input corpus', () => {
  it('has cases', () => {
    expect(corpus.length).toBeGreaterThan(0);
  });

  it.each(corpus)('$file: $name', async (c) => {
    const started = performance.now();
    const response = await c.send(target);
    const text = await response.text();
    const elapsed = performance.now() - started;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const statuses = Array.isArray(c.status) ? c.status : [c.status];
    expect(statuses, `status ${response.status}, body ${text.slice(0, 500)}`).toContain(response.status);
    if (c.code) expect(codesOf(body), text.slice(0, 500)).toContain(c.code);
    expect(codesOf(body)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(elapsed).toBeLessThan(c.maxMs ?? 5_000);
    await c.check?.(response, body, target);
    for (const base of [target.base, target.listed.base])
      expect((await fetch(`${base}/health`)).status).toBe(200);
    // Memory stays bounded: what one hostile request allocates is given back, never kept.
    expect(process.memoryUsage().rss - baselineRss).toBeLessThan(400 * 1024 * 1024);
  });
});
