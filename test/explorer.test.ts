import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { EXPLORER_CSP, prefersHtml, readmeExamples } from '../src/explorer/explorer.js';
import { createApollo, createHttpServer } from '../src/server.js';
import { chromiumPath, noChromiumReason } from './browser.js';
import { openTestOrm, testAuth } from './helpers.js';

/**
 * The explorer (src/explorer/): GraphiQL served at GET /graphql to a browser, every file from the API
 * itself. Plain HTTP checks, then headless Chromium with every request to another host refused.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
let orm: MikroORM;
const servers: Server[] = [];
let base: string;
let off: string;

async function listen(explorer: boolean): Promise<string> {
  const apollo = await createApollo({ maxQueryDepth: 12, log: () => {} });
  const server = createHttpServer({ apollo, em: orm.em, auth: testAuth, log: () => {}, explorer });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => apollo.stop());
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // npm ci and npm start build it; a no-op when the bundle is newer than its inputs.
  const build = spawnSync(process.execPath, ['scripts/build-explorer.mjs'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  orm = await openTestOrm(inject('databaseUrl'));
  base = await listen(true);
  off = await listen(false);
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await orm?.close();
});

const manifest = () =>
  JSON.parse(readFileSync(`${root}dist/explorer/manifest.json`, 'utf8')) as { script: string; style: string };
const page = (url: string) => fetch(`${url}/graphql`, { headers: { accept: 'text/html,*/*;q=0.8' } });

/** A GET sent with its path exactly as given (fetch would resolve `..` first). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('explorer over HTTP', () => {
  it('serves GraphiQL to a browser with a CSP that allows only this server', async () => {
    const res = await page(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toMatch(/script-src 'self';/);
    expect(EXPLORER_CSP).not.toMatch(/https?:/);
    const html = await res.text();
    const { script, style } = manifest();
    expect(html).toContain(`<script type="module" src="/graphql/explorer/${script}">`);
    expect(html).toContain(`<link rel="stylesheet" href="/graphql/explorer/${style}">`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The README's examples ride along as tabs.
    const settings = JSON.parse(
      /<script id="explorer-settings" type="application\/json">(.*)<\/script>/.exec(html)![1]!,
    );
    expect(settings.tabs.length).toBeGreaterThanOrEqual(10);
    expect(settings.defaultQuery).toContain('villages(');
  });

  it('leaves GraphQL clients to Apollo', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html;q=0, application/json')).toBe(false);
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
  });

  it('serves the assets for a year, by their hashed names', async () => {
    const { script, style } = manifest();
    for (const [name, type] of [
      [script, 'text/javascript; charset=utf-8'],
      [style, 'text/css; charset=utf-8'],
    ] as const) {
      const res = await fetch(`${base}/graphql/explorer/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    expect(script).toMatch(/^explorer-[A-Z0-9]{8}\.js$/);
  });

  it('answers 404 for any other name, and no path leaves the bundle', async () => {
    for (const path of [
      '/graphql/explorer/nothing.js',
      '/graphql/explorer/',
      '/graphql/explorer/manifest.json',
      '/graphql/explorer/../../package.json',
      '/graphql/explorer/../../../package.json',
      '/graphql/explorer/..%2f..%2fpackage.json',
      '/graphql/explorer/%2e%2e/%2e%2e/package.json',
      '/graphql/explorer//etc/passwd',
    ]) {
      const res = await rawGet(base, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('revitalization-graph');
    }
  });

  it('is off with EXPLORER=0: a browser gets what any GET without a query gets', async () => {
    const res = await page(off);
    expect(res.headers.get('content-type')).not.toContain('text/html');
    expect(res.status).toBe(400);
    // Apollo's CSRF prevention (a plain browser GET), as for any GET without a query and its headers.
    expect(JSON.stringify(await res.json())).toMatch(/Cross-Site Request Forgery/);
    const { script } = manifest();
    expect((await fetch(`${off}/graphql/explorer/${script}`)).status).toBe(404);
  });

  it('is on by default, off by default in production, as EXPLORER says', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPLORER: '1' }).explorer).toBe(true);
    expect(loadConfig({ EXPLORER: '0' }).explorer).toBe(false);
    expect(() => loadConfig({ EXPLORER: 'maybe' })).toThrow(/EXPLORER must be 1\/0/);
  });

  it('splits the README examples by operation, comments kept', () => {
    const examples = readmeExamples('```graphql\n# one\n{ a }\n\n# two\nquery B { b }\n```\n');
    expect(examples).toEqual(['# one\n{ a }', '# two\nquery B { b }']);
  });
});

const executablePath = chromiumPath();
if (!executablePath) console.warn(`[explorer.test] browser test skipped: ${noChromiumReason}`);

describe.skipIf(!executablePath)('explorer in Chromium, offline', () => {
  it('loads, runs a README example and shows the docs with nothing fetched from elsewhere', async () => {
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true });
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const elsewhere: string[] = [];
      const violations: string[] = [];
      await tab.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        elsewhere.push(url.href);
        return route.abort('blockedbyclient');
      });
      tab.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
      });
      tab.on('pageerror', (error) => violations.push(`page error: ${error.message}`));

      await tab.goto(`${base}/graphql`);
      await tab.locator('.graphiql-query-editor .CodeMirror').waitFor();
      // The README's first example is open; its answer names the demo dataset's tea villages.
      const expected = (await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: readmeExamples(readFileSync(`${root}README.md`, 'utf8'))[0] }),
        })
      ).json()) as { data: { villages: { nodes: { name: string }[] } } };
      const village = expected.data.villages.nodes[0]!.name;
      await tab.locator('.graphiql-execute-button').click();
      await expect
        .poll(() => tab.locator('.result-window').textContent(), { timeout: 20_000 })
        .toContain(village);

      await tab.getByLabel('Show Documentation Explorer').click();
      const docs = tab.locator('.graphiql-doc-explorer');
      await expect.poll(() => docs.textContent(), { timeout: 20_000 }).toContain('Query');
      await docs.getByText('Query', { exact: true }).first().click();
      await expect.poll(() => docs.textContent(), { timeout: 20_000 }).toContain('villages');

      // A dialog adds a <style> element (the CSP's one allowance beyond 'self').
      await tab.getByLabel('Open settings dialog').click();
      await tab.getByRole('dialog').waitFor();
      await tab.keyboard.press('Escape');

      mkdirSync(`${root}test-artifacts`, { recursive: true });
      await tab.screenshot({ path: `${root}test-artifacts/explorer.png` });
      expect(elsewhere).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
