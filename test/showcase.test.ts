import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  generateShowcaseTypes,
  SHOWCASE_GENERATED,
  showcaseValidationErrors,
} from '../examples/showcase/codegen.js';
import {
  buildShowcase,
  createShowcaseServer,
  loadShowcaseConfig,
  ShowcaseConfigError,
  showcaseCsp,
  startShowcase,
} from '../scripts/showcase.js';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { toGlobalId } from '../src/graphql/ids.js';
import { Role } from '../src/modules/user/user.entity.js';
import { chromiumPath, ensureCjkFont, noChromiumReason } from './browser.js';
import { openTestOrm, testAuth, tokenFor } from './helpers.js';

/**
 * The showcase kit (examples/showcase/, `npm run showcase`): its operations validated against the
 * committed schema and typed by codegen, its static server, and the site itself in headless Chromium
 * on another origin than the API, every other host blocked: each page's text compared with SQL on the
 * demo data, in Chinese and English, the map's markers, pagination, and a write through the API seen
 * on the open dashboard page.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const TOWN = 'dashuibo';

/** "217360000.00" → "217,360,000.00" (what the pages show; written again here, not imported). */
const grouped = (value: string) =>
  value.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

describe('showcase operations and their generated types', () => {
  it('validates every operation against the committed schema, and refuses one the schema does not allow', () => {
    expect(showcaseValidationErrors(root)).toEqual([]);
    const wrong = parse('query Wrong { villages(first: 1) { nodes { nope } } }');
    expect(showcaseValidationErrors(root, [wrong]).join('\n')).toMatch(/Cannot query field "nope"/);
  });

  it('has examples/showcase/src/generated/graphql.ts up to date (npm run showcase -- codegen)', async () => {
    const committed = readFileSync(`${root}${SHOWCASE_GENERATED}`, 'utf8');
    expect(committed, 'stale: run npm run showcase -- codegen').toBe(await generateShowcaseTypes(root));
    expect(committed).toContain('export const ShowcaseVillageDocument');
    expect(committed).toContain('DocumentNode<ShowcaseVillageQuery, ShowcaseVillageQueryVariables>');
  });
});

/** A GET sent with its path exactly as given (fetch would resolve `..` first). */
function rawRequest(
  url: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server?: Server) => new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));

describe('the showcase server (npm run showcase)', () => {
  let server: Server;
  let base: string;
  let manifest: Awaited<ReturnType<typeof buildShowcase>>;
  const hostileApiUrl = 'http://127.0.0.1:1/graphql"><script>alert(1)</script>';

  beforeAll(async () => {
    manifest = await buildShowcase();
    server = createShowcaseServer({ apiUrl: () => hostileApiUrl, town: TOWN, manifest });
    base = await listen(server);
  });
  afterAll(() => close(server));

  it('reads SHOWCASE_* with defaults, and refuses values it cannot use, naming the variable', () => {
    expect(loadShowcaseConfig({})).toEqual({
      port: 4100,
      host: 'localhost',
      apiUrl: 'http://localhost:4000/graphql',
      town: 'dashuibo',
    });
    expect(
      loadShowcaseConfig({ SHOWCASE_PORT: '0', SHOWCASE_API_URL: 'https://api.example.org/graphql' }),
    ).toMatchObject({
      port: 0,
      apiUrl: 'https://api.example.org/graphql',
    });
    for (const [name, value] of [
      ['SHOWCASE_PORT', 'abc'],
      ['SHOWCASE_PORT', '70000'],
      ['SHOWCASE_PORT', '-1'],
      ['SHOWCASE_PORT', '9'.repeat(10_000)],
      ['SHOWCASE_HOST', 'a host'],
      ['SHOWCASE_API_URL', 'not a url'],
      ['SHOWCASE_API_URL', 'javascript:alert(1)'],
      ['SHOWCASE_API_URL', 'ftp://example.org/graphql'],
      ['SHOWCASE_API_URL', 'http://user:secret@example.org/graphql'],
      ['SHOWCASE_TOWN', '../etc'],
      ['SHOWCASE_TOWN', 'x'.repeat(200)],
    ] as const) {
      expect(() => loadShowcaseConfig({ [name]: value }), `${name}=${value.slice(0, 20)}`).toThrow(
        ShowcaseConfigError,
      );
      expect(() => loadShowcaseConfig({ [name]: value })).toThrow(name);
    }
  });

  it('serves the page with the API URL escaped and a CSP that allows only itself and the API', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(showcaseCsp(hostileApiUrl));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src http://127.0.0.1:1 ws://127.0.0.1:1;');
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('content="http://127.0.0.1:1/graphql&quot;&gt;&lt;script&gt;');
    expect(html).toContain(`<script type="module" src="/assets/${manifest.script}">`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves the bundle by its hashed names for a year, HEAD without a body', async () => {
    for (const name of [manifest.script, manifest.style]) {
      const res = await fetch(`${base}/assets/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const head = await rawRequest(base, `/assets/${manifest.script}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 for any other path (nothing outside the bundle) and 405 for other methods', async () => {
    for (const path of [
      '/assets/nothing.js',
      '/assets/',
      '/assets/../manifest.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/../package.json',
      '/assets//etc/passwd',
      `/assets/${'a'.repeat(5000)}.js`,
      '/examples/showcase/src/main.ts',
    ]) {
      const res = await rawRequest(base, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('revitalization-graph');
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await rawRequest(base, '/', method)).status, method).toBe(405);
    }
  });
});

const executablePath = chromiumPath();
if (!executablePath) console.warn(`[showcase.test] browser tests skipped: ${noChromiumReason}`);

describe.skipIf(!executablePath)('the showcase in Chromium, on another origin than the API', () => {
  const servers: Server[] = [];
  const apps: App[] = [];
  let browser: Browser;
  let context: BrowserContext;
  let tab: Page;
  /** The site on the read-only demo database, the one on the write database, and one whose origin the API does not list. */
  let site: string;
  let liveSite: string;
  let stranger: string;
  let readApi: App;
  let writeApi: App;
  let read: pg.Client;
  let write: pg.Client;
  const elsewhere: string[] = [];
  const violations: string[] = [];
  const apiRequests: string[] = [];

  // Pictures (the demo covers are drawn on first request) go to a directory of the test's own.
  const dataDir = mkdtempSync(join(tmpdir(), 'showcase-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const start = (databaseUrl: string, origins: string) =>
    startApp(
      loadConfig({
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: '0',
        SEED_DEMO: '0',
        CORS_ORIGINS: origins,
        // As in production: anonymous callers run registered operations only (the showcase's are).
        ALLOW_LIST: '1',
        JWT_SECRET: new TextDecoder().decode(testAuth.secret as Uint8Array),
      }),
      () => {},
    );

  beforeAll(async () => {
    ensureCjkFont();
    const manifest = await buildShowcase();
    // The sites listen first (their origins go into CORS_ORIGINS); each reads its API's URL per request.
    const apiOf: Record<string, () => string> = {};
    for (const key of ['site', 'liveSite', 'stranger']) {
      const server = createShowcaseServer({ apiUrl: () => apiOf[key]!(), town: TOWN, manifest });
      servers.push(server);
      const url = await listen(server);
      if (key === 'site') site = url;
      else if (key === 'liveSite') liveSite = url;
      else stranger = url;
    }
    readApi = await start(inject('databaseUrl'), site);
    writeApi = await start(inject('writeDatabaseUrl'), liveSite);
    apps.push(readApi, writeApi);
    apiOf.site = () => readApi.url;
    apiOf.stranger = () => readApi.url;
    apiOf.liveSite = () => writeApi.url;
    read = new pg.Client({ connectionString: inject('databaseUrl') });
    write = new pg.Client({ connectionString: inject('writeDatabaseUrl') });
    await read.connect();
    await write.connect();

    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true });
    // A Chinese reader: the site starts in Chinese.
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') {
        if (url.pathname === '/graphql') apiRequests.push(url.href);
        return route.continue();
      }
      elsewhere.push(url.href);
      return route.abort('blockedbyclient');
    });
    tab = await context.newPage();
    tab.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    tab.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    mkdirSync(`${root}test-artifacts`, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await read?.end();
    await write?.end();
    for (const app of apps) await app.stop();
    for (const server of servers) await close(server);
  });

  const rows = async <T = any>(client: pg.Client, text: string, params: unknown[] = []) =>
    (await client.query(text, params)).rows as T[];

  /** Runs `action` (a navigation, a click) and waits until the page has rendered what it leads to. */
  async function settle(action: () => Promise<unknown>) {
    // What is on screen is marked first, so that what is waited for is the next page's content (a
    // render replaces main's children). Locators and evaluate with a function: the page's CSP refuses
    // strings evaluated as script.
    await tab.locator('main > *').evaluateAll((children) => {
      for (const child of children) child.setAttribute('data-stale', '');
    });
    await action();
    await tab.locator('main[aria-busy="false"] > :not([data-stale])').first().waitFor({ timeout: 20_000 });
  }
  const language = (code: 'ZH' | 'EN') => settle(() => tab.click(`button[data-locale="${code}"]`));
  /** Opens `url` in `code`'s language (the switch is kept across pages, as the reader left it). */
  async function open(url: string, code: 'ZH' | 'EN' = 'ZH') {
    // The same address again is no navigation: reload it.
    await settle(() => (tab.url() === url ? tab.reload() : tab.goto(url)));
    if ((await tab.locator(`button[data-locale="${code}"]`).getAttribute('aria-pressed')) !== 'true') {
      await language(code);
    }
  }
  const mainText = async () => (await tab.locator('main').textContent()) ?? '';
  const shot = (name: string) =>
    tab.screenshot({ path: `${root}test-artifacts/showcase-${name}.png`, fullPage: true });

  it('home: every theme with its number of villages, in Chinese, then in English', async () => {
    const themes = await rows(
      read,
      `select t.code, t.name_zh, t.name_en, count(v.id)::int as villages
         from theme t
         left join village_theme vt on vt.theme_id = t.id
         left join village v on v.id = vt.village_id and v.archived_at is null
        where t.archived_at is null group by t.id order by t.position`,
    );
    expect(themes.length).toBe(12);
    await open(`${site}/#/`);
    expect(await tab.locator('html').getAttribute('lang')).toBe('zh-CN');
    const cards = tab.locator('li.theme');
    expect(await cards.count()).toBe(themes.length);
    for (const [i, theme] of themes.entries()) {
      const text = await cards.nth(i).textContent();
      expect(text).toContain(theme.name_zh);
      expect(text).toContain(`${theme.villages} 个村庄`);
    }
    await shot('themes-zh');
    await language('EN');
    expect(await tab.locator('html').getAttribute('lang')).toBe('en');
    for (const [i, theme] of themes.entries()) {
      const text = await cards.nth(i).textContent();
      expect(text).toContain(theme.name_en);
      expect(text).not.toContain(theme.name_zh);
      expect(text).toContain(theme.villages === 1 ? '1 village' : `${theme.villages} villages`);
    }
    await shot('themes-en');
    await language('ZH');
    // The pages called the API on its own origin: cross-origin reads, allowed by CORS_ORIGINS.
    expect(apiRequests.length).toBeGreaterThan(0);
    expect(new URL(apiRequests[0]!).origin).toBe(new URL(readApi.url).origin);
    expect(new URL(readApi.url).origin).not.toBe(site);
  });

  it("a theme's page: its villages with their houses free to rent and projects", async () => {
    const villages = await rows(
      read,
      `select v.slug, v.name_zh,
              (select count(*)::int from rural_house h where h.village_id = v.id and h.status = 'IDLE' and h.archived_at is null) as free,
              (select count(*)::int from project p where p.village_id = v.id and p.archived_at is null) as projects
         from village v join village_theme vt on vt.village_id = v.id join theme t on t.id = vt.theme_id
        where t.code = 'tea' and v.archived_at is null`,
    );
    expect(villages.length).toBeGreaterThan(0);
    await settle(() => tab.click('li.theme[data-theme="tea"] a'));
    expect(tab.url()).toBe(`${site}/#/theme/tea`);
    const [tea] = await rows(read, `select name_zh from theme where code = 'tea'`);
    expect(await tab.locator('main h1').textContent()).toBe(tea.name_zh);
    const cards = tab.locator('li.village');
    expect(await cards.count()).toBe(villages.length);
    for (const village of villages) {
      const text = await tab.locator(`li.village[data-slug="${village.slug}"]`).textContent();
      expect(text).toContain(village.name_zh);
      expect(text).toContain(`${village.free} 套农房可租`);
      expect(text).toContain(`${village.projects} 个项目`);
    }
    expect(await mainText()).toContain(`共 ${villages.length} 个村庄`);
    await shot('theme');
  });

  it('every village of the town, a page at a time: forwards with first/after, back with last/before', async () => {
    const villages = await rows(
      read,
      `select v.slug from village v join region r on r.id = v.town_id where r.code = $1 and v.archived_at is null`,
      [TOWN],
    );
    expect(villages.length).toBeGreaterThan(10);
    await open(`${site}/#/villages`);
    expect(await mainText()).toContain(`共 ${villages.length} 个村庄`);
    const pages: string[][] = [];
    for (;;) {
      const slugs = await tab
        .locator('li.village')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-slug')!));
      expect(slugs.length).toBeGreaterThan(0);
      expect(slugs.length).toBeLessThanOrEqual(10);
      pages.push(slugs);
      if ((await tab.locator('a.next').count()) === 0) break;
      await settle(() => tab.click('a.next'));
      expect(tab.url()).toMatch(/#\/villages\?after=/);
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.length).toBe(Math.ceil(villages.length / 10));
    expect(pages.flat().sort()).toEqual(villages.map((v) => v.slug).sort());
    await shot('villages');
    // Back one page: the page before the last, again.
    await settle(() => tab.click('a.previous'));
    expect(tab.url()).toMatch(/#\/villages\?before=/);
    const back = await tab
      .locator('li.village')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-slug')));
    expect(back).toEqual(pages[pages.length - 2]);
  });

  /** The village the next tests show: a specialty village with houses free to rent and public talents in a project. */
  let village: Record<string, any> | undefined;
  async function pickVillage() {
    village ??= (
      await rows(
        read,
        `select v.id, v.slug, v.name_zh, v.name_en, v.description_zh, v.description_en, r.name_zh as town_zh, r.name_en as town_en
         from village v join region r on r.id = v.town_id
        where r.code = $1 and v.is_specialty and v.archived_at is null
          and exists (select 1 from rural_house h where h.village_id = v.id and h.status = 'IDLE' and h.archived_at is null)
          and exists (select 1 from project p join project_participant pp on pp.project_id = p.id join talent t on t.id = pp.talent_id
                       where p.village_id = v.id and p.archived_at is null and pp.archived_at is null and t.public_profile and t.archived_at is null)
        order by v.slug limit 1`,
        [TOWN],
      )
    )[0];
    return village!;
  }

  it('a village by its slug: themes, houses free to rent, projects with their investment and talents; then in English', async () => {
    const village = await pickVillage();
    expect(village).toBeDefined();
    const themes = await rows(
      read,
      `select t.name_zh, t.name_en from theme t join village_theme vt on vt.theme_id = t.id where vt.village_id = $1`,
      [village.id],
    );
    const houses = await rows(
      read,
      `select address, address_en, floor_area_m2::text as area from rural_house where village_id = $1 and status = 'IDLE' and archived_at is null`,
      [village.id],
    );
    const projects = await rows(
      read,
      `select p.id, p.name_zh, p.name_en,
              (select coalesce(sum(i.amount), 0)::numeric(14,2)::text from investment i
                where i.project_id = p.id and i.stage in ('SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION')
                  and i.currency = 'CNY' and i.archived_at is null) as invested,
              array(select t.display_name from project_participant pp join talent t on t.id = pp.talent_id
                     where pp.project_id = p.id and pp.archived_at is null and t.public_profile and t.archived_at is null) as public,
              array(select t.display_name from project_participant pp join talent t on t.id = pp.talent_id
                     where pp.project_id = p.id and pp.archived_at is null and not t.public_profile) as private
         from project p where p.village_id = $1 and p.archived_at is null`,
      [village.id],
    );
    const hidden = projects.flatMap((p) => p.private as string[]);

    await open(`${site}/#/village/${village.slug}`);
    const zh = await mainText();
    expect(await tab.locator('main h1').textContent()).toBe(village.name_zh);
    expect(zh).toContain(village.town_zh);
    expect(zh).toContain(village.description_zh);
    for (const theme of themes) expect(zh).toContain(theme.name_zh);
    expect(zh).toContain(`可租农房 (${houses.length})`);
    expect(await tab.locator('tr[data-house]').count()).toBe(houses.length);
    for (const house of houses) {
      expect(zh).toContain(house.address);
      expect(zh).toContain(`${grouped(house.area)} m²`);
    }
    expect(await tab.locator('article.project').count()).toBe(projects.length);
    for (const project of projects) {
      expect(zh).toContain(project.name_zh);
      expect(zh).toContain(`签约投资: ${grouped(project.invested)} 元`);
      for (const name of project.public) expect(zh).toContain(name);
    }
    for (const name of hidden) expect(zh).not.toContain(name);
    // The cover picture: the card variant from the API's origin, loaded, with the alt text of the record.
    const [coverRow] = await rows(
      read,
      'select alt_zh, alt_en from image where village_id = $1 order by is_cover desc, position, id limit 1',
      [village.id],
    );
    expect(coverRow).toBeDefined();
    const coverImage = tab.locator('figure[data-slot="cover-image"] img');
    expect(await coverImage.getAttribute('alt')).toBe(coverRow.alt_zh ?? coverRow.alt_en);
    expect(await coverImage.getAttribute('src')).toMatch(/\/images\/[a-z0-9-]+\.card\.webp$/);
    await coverImage.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    expect(
      await coverImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await shot('village-zh');

    await language('EN');
    const en = await mainText();
    expect(await tab.locator('main h1').textContent()).toBe(village.name_en);
    expect(en).toContain(village.town_en);
    expect(en).toContain(village.description_en);
    // Names and house addresses follow the language (an address without an English form stays Chinese).
    expect(await tab.locator('main .lead').textContent()).not.toContain(village.town_zh);
    for (const house of houses) expect(en).toContain(house.address_en || house.address);
    expect(await tab.locator('figure[data-slot="cover-image"] img').getAttribute('alt')).toBe(
      coverRow.alt_en ?? coverRow.alt_zh,
    );
    expect(houses.some((house) => house.address_en)).toBe(true);
    for (const theme of themes) expect(en).toContain(theme.name_en);
    expect(en).toContain(`Houses free to rent (${houses.length})`);
    for (const project of projects) {
      expect(en).toContain(project.name_en);
      expect(en).toContain(`Signed investment: CNY ${grouped(project.invested)}`);
    }
    await shot('village-en');
    await language('ZH');
  });

  it("a talent's public profile, reached from the village page; a private or made-up talent is not found", async () => {
    const village = await pickVillage();
    const [talent] = await rows(
      read,
      `select t.id, t.display_name, t.title, t.field, t.title_en, t.field_en, t.bio_zh, t.bio_en, t.full_name, t.phone
         from talent t join project_participant pp on pp.talent_id = t.id join project p on p.id = pp.project_id
        where p.village_id = $1 and t.public_profile and t.archived_at is null and pp.archived_at is null
        order by t.display_name limit 1`,
      [village.id],
    );
    const projects = await rows(
      read,
      `select p.name_zh from project p join project_participant pp on pp.project_id = p.id
        where pp.talent_id = $1 and pp.archived_at is null and p.archived_at is null`,
      [talent.id],
    );
    await open(`${site}/#/village/${village.slug}`);
    await settle(() => tab.locator('ul.people a', { hasText: talent.display_name }).first().click());
    expect(tab.url()).toBe(`${site}/#/talent/${toGlobalId('Talent', talent.id)}`);
    const text = await mainText();
    expect(await tab.locator('main h1').textContent()).toBe(talent.display_name);
    for (const value of [talent.title, talent.field, talent.bio_zh]) if (value) expect(text).toContain(value);
    for (const project of projects) expect(text).toContain(project.name_zh);
    // Public profile only: the private fields are never asked for.
    if (talent.full_name !== talent.display_name) expect(text).not.toContain(talent.full_name);
    if (talent.phone) expect(text).not.toContain(talent.phone);
    await shot('talent');
    await language('EN');
    expect(await tab.locator('main .lead').textContent()).toBe('Talent profile');
    const english = await mainText();
    for (const value of [talent.title_en ?? talent.title, talent.field_en ?? talent.field, talent.bio_en])
      if (value) expect(english).toContain(value);
    expect(talent.title_en ?? talent.field_en).toBeTruthy();
    await language('ZH');

    const [hidden] = await rows(
      read,
      'select id, display_name from talent where not public_profile and archived_at is null limit 1',
    );
    for (const id of [
      toGlobalId('Talent', hidden.id),
      'garbage',
      toGlobalId('Talent', '00000000-0000-0000-0000-000000000000'),
    ]) {
      await open(`${site}/#/talent/${encodeURIComponent(id)}`);
      expect(await tab.locator('main [role="alert"]').textContent(), id).toBe(
        '找不到这位人才，或其档案未公开。',
      );
      expect(await mainText()).not.toContain(hidden.display_name);
    }
  });

  it('the map: one marker per specialty village of the town (20), from the GeoJSON, each linking to its page', async () => {
    const specialty = await rows(
      read,
      `select v.slug, v.name_zh from village v join region r on r.id = v.town_id
        where r.code = $1 and v.is_specialty and v.archived_at is null and v.lat is not null`,
      [TOWN],
    );
    expect(specialty.length).toBe(20);
    await open(`${site}/#/map`);
    const markers = tab.locator('svg.map a.marker');
    expect(await markers.count()).toBe(specialty.length);
    expect(await mainText()).toContain(`${specialty.length} 个特色村`);
    const links = await markers.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(specialty.map((v) => `#/village/${v.slug}`).sort());
    const positions = await tab
      .locator('svg.map a.marker circle')
      .evaluateAll((all) => all.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`));
    expect(new Set(positions).size).toBe(specialty.length);
    const labels = await tab.locator('svg.map a.marker text').allTextContents();
    expect(labels.sort()).toEqual(specialty.map((v) => v.name_zh).sort());
    await shot('map');
    // A marker leads to its village.
    const first = specialty[0]!;
    await settle(() => tab.locator(`svg.map a.marker[href="#/village/${first.slug}"]`).click());
    expect(await tab.locator('main h1').textContent()).toBe(first.name_zh);
  });

  it('unknown pages and slugs say so, and text from the address stays text', async () => {
    await open(`${site}/#/nowhere/at/all`);
    expect(await tab.locator('main [role="alert"]').textContent()).toBe('找不到这个页面。');
    await open(`${site}/#/talent/%E0%A4%A`);
    expect(await tab.locator('main [role="alert"]').textContent()).toBe('找不到这个页面。');
    const hostile = '<img src=x onerror="document.title=1">';
    await open(`${site}/#/village/${encodeURIComponent(hostile)}`);
    expect(await tab.locator('main [role="alert"]').textContent()).toBe(`找不到村庄“${hostile}”。`);
    expect(await tab.locator('main img').count()).toBe(0);
    await open(`${site}/#/theme/${'x'.repeat(3000)}`);
    expect(await tab.locator('main [role="alert"]').textContent()).toMatch(/^找不到主题“x+”。$/);
  });

  it('a write through the API appears on the open dashboard page within seconds', async () => {
    const talentsOf = async () =>
      (
        await rows(
          write,
          `select count(*)::int as n, count(*) filter (where t.settlement = 'RESIDENT')::int as resident
             from talent t join region r on r.id = t.town_id where r.code = $1 and t.archived_at is null`,
          [TOWN],
        )
      )[0]!;
    const total = tab.locator('[data-figure="talents.total"]');
    // The figures come over a WebSocket to the API (graphql-ws), not by asking again over HTTP.
    const sockets: string[] = [];
    const frames: string[] = [];
    tab.on('websocket', (socket) => {
      sockets.push(socket.url());
      socket.on('framereceived', ({ payload }) => frames.push(String(payload)));
    });
    await open(`${liveSite}/#/dashboard`);
    const before = await talentsOf();
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe(grouped(String(before.n)));
    expect(await mainText()).toContain('大水泊镇数据看板');
    expect(await tab.locator('[data-figure="villages.specialty"]').textContent()).toBe('20');
    await shot('dashboard');

    // An official of the town records a resident talent through the API, as a client would.
    const orm = await openTestOrm(inject('writeDatabaseUrl'));
    const token = await tokenFor({ orm } as never, 'showcase-official', Role.OFFICIAL, TOWN);
    await orm.close();
    const [town] = await rows(write, 'select id from region where code = $1', [TOWN]);
    const created = await fetch(writeApi.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'mutation($input: CreateTalentInput!) { createTalent(input: $input) { talent { id } userErrors { message } } }',
        variables: {
          input: {
            townId: toGlobalId('Region', town.id),
            displayName: '橱窗测试人才',
            fullName: '橱窗测试人才（测试）',
            settlement: 'RESIDENT',
          },
        },
      }),
    });
    const answer = (await created.json()) as any;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.createTalent.userErrors).toEqual([]);
    const written = Date.now();
    const askedBefore = apiRequests.length;
    const after = await talentsOf();
    expect(after.n).toBeGreaterThan(before.n);
    // The page shows the new figure without a reload, within a few seconds of the write.
    await expect
      .poll(async () => Number((await total.textContent())?.replace(/,/g, '')), {
        timeout: 10_000,
        interval: 200,
      })
      .toBeGreaterThanOrEqual(after.n);
    expect(Date.now() - written).toBeLessThan(10_000);
    expect(sockets).toEqual([writeApi.url.replace(/^http/, 'ws')]);
    expect(frames.some((f) => f.includes('"regionStatsChanged"') && f.includes(`"total":${after.n}`))).toBe(
      true,
    );
    expect(apiRequests.length).toBe(askedBefore);
    await expect
      .poll(async () =>
        Number((await tab.locator('[data-figure="talents.resident"]').textContent())?.replace(/,/g, '')),
      )
      .toBeGreaterThanOrEqual(after.resident);
    await shot('dashboard-updated');
  });

  it('a page on an origin the API does not list cannot read it (CORS), and says so', async () => {
    await open(`${stranger}/#/`);
    const alert = await tab.locator('main [role="alert"]').textContent();
    expect(alert).toContain('无法连接 API');
    expect(alert).toContain(stranger);
    expect(await tab.locator('li.theme').count()).toBe(0);
  });

  it('loaded nothing from any other host and broke no Content-Security-Policy rule', () => {
    expect(elsewhere).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('npm run showcase', () => {
  it('starts on the configured port and serves the page', async () => {
    const config = loadShowcaseConfig({ SHOWCASE_PORT: '0', SHOWCASE_HOST: '127.0.0.1' });
    const { server, url } = await startShowcase(config);
    try {
      const res = await fetch(`${url}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('content="http://localhost:4000/graphql"');
    } finally {
      await close(server);
    }
  });
});
