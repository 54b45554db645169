import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { createApollo, createHttpServer } from '../src/server.js';
import { ok, testAuth, tokenFor, useApi } from './helpers.js';

const api = useApi();
const root = fileURLToPath(new URL('..', import.meta.url));
let official: string;
let lidao: string;
let partner: string;
let admin: string;
let server: Server;
let base: string;

const DASHBOARD = `query($code: String!, $locale: Locale!) {
  region(code: $code) { name(locale: $locale) stats {
    talents { total resident flexible departed }
    houses { total transferred byStatus { status count } }
    investment { total { amount } attributedToTalents { amount } funded { amount } fundedRate byStage { stage count total { amount } } }
    villages { total specialty themeCount }
    unions { organizations members agricultureRelated { organizations members } }
  } }
  enumLabels(enums: ["HouseStatus", "InvestmentStage"], locale: $locale) { enum value label }
}`;
const GROUPS = `query($code: String!, $locale: Locale!) {
  investmentGroups(groupBy: [ATTRIBUTED_TO], orderBy: AMOUNT, first: 100, where: {
    stage: { in: [SIGNED, CONSTRUCTION, FUNDED, PRODUCTION] }, attributedTo: { id: { isNull: false } },
    project: { town: { or: [{ code: { eq: $code } }, { parent: { code: { eq: $code } } }, { parent: { parent: { code: { eq: $code } } } }] } } }) {
    nodes { count amount { sum } key { attributedTo { displayName } } } pageInfo { hasNextPage }
  }
  themes(first: 12) { nodes { name(locale: $locale) villages(where: { town: { or: [{ code: { eq: $code } }, { parent: { code: { eq: $code } } }, { parent: { parent: { code: { eq: $code } } } }] } }) { totalCount } } }
}`;

const get = (path: string, token?: string) =>
  fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
/** Today in China, computed apart from the module (UTC+8, no daylight saving). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(3)
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));

beforeAll(async () => {
  official = await tokenFor(api, 'report-official', Role.OFFICIAL, 'dashuibo');
  lidao = await tokenFor(api, 'report-lidao', Role.OFFICIAL, 'lidao');
  partner = await tokenFor(api, 'report-partner', Role.PARTNER);
  admin = await tokenFor(api, 'report-admin', Role.ADMIN);
  const apollo = await createApollo({ maxQueryDepth: 12, log: () => {} });
  server = createHttpServer({ apollo, em: api.orm.em, auth: testAuth, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

async function workbookOf(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

describe('GET /export/report', () => {
  const cases = [
    ['dashuibo', 'zh', 'official'],
    ['dashuibo', 'en', 'official'],
    ['weihai', 'en', 'admin'],
  ] as const;
  for (const [code, lang, who] of cases) {
    it(`gives every figure of the dashboard and the grouped figures (${code}, ${lang}, ${who})`, async () => {
      const token = who === 'admin' ? admin : official;
      const locale = lang === 'en' ? 'EN' : 'ZH';
      const dash = ok(await api.run(DASHBOARD, { code, locale }, { token }));
      const groups = ok(await api.run(GROUPS, { code, locale }, { token }));
      const s = dash.region.stats;
      const label = (e: string, v: string) =>
        dash.enumLabels.find((l: { enum: string; value: string }) => l.enum === e && l.value === v).label;
      const res = await get(`/export/report.xlsx?region=${code}&lang=${lang}`, token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="report-${code}-${today()}.xlsx"`,
      );
      const wb = await workbookOf(res);
      const names =
        lang === 'zh'
          ? ['总览', '农房状态', '投资阶段', '以才引资', '主题村庄', '工会']
          : [
              'Headline figures',
              'Houses by status',
              'Investment by stage',
              'Investment by talent',
              'Villages by theme',
              'Unions',
            ];
      expect(wb.worksheets.map((w) => w.name)).toEqual(names);
      for (const sheet of wb.worksheets) {
        expect(sheet.getCell('A1').value).toBe(
          `${dash.region.name} ${lang === 'zh' ? '报告' : 'Report'} ${today()}`,
        );
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      }
      const [headline, houses, stages, talents, themes, unions] = wb.worksheets as ExcelJS.Worksheet[];
      expect(headline!.getRow(2).values).toEqual([
        undefined,
        ...(lang === 'zh' ? ['指标', '数值'] : ['Figure', 'Value']),
      ]);
      expect(rowsOf(headline!).map((r) => r[1])).toEqual([
        s.talents.total,
        s.talents.resident,
        s.talents.flexible,
        s.talents.departed,
        s.houses.total,
        s.houses.transferred,
        Number(s.investment.total.amount),
        Number(s.investment.attributedToTalents.amount),
        Number(s.investment.funded.amount),
        s.investment.fundedRate,
        s.villages.total,
        s.villages.specialty,
        s.villages.themeCount,
        s.unions.organizations,
        s.unions.members,
        s.unions.agricultureRelated.organizations,
        s.unions.agricultureRelated.members,
      ]);
      expect(rowsOf(houses!)).toEqual(
        s.houses.byStatus.map((b: any) => [label('HouseStatus', b.status), b.count]),
      );
      expect(rowsOf(stages!)).toEqual(
        s.investment.byStage.map((b: any) => [
          label('InvestmentStage', b.stage),
          b.count,
          Number(b.total.amount),
        ]),
      );
      expect(stages!.getColumn(3).numFmt).toBe('#,##0.00');
      expect(typeof stages!.getCell('C3').value).toBe('number');
      expect(groups.investmentGroups.pageInfo.hasNextPage).toBe(false);
      expect(groups.investmentGroups.nodes.length).toBeGreaterThan(0);
      expect(rowsOf(talents!)).toEqual(
        groups.investmentGroups.nodes.map((g: any) => [
          g.key.attributedTo?.displayName ?? '',
          g.count,
          Number(g.amount.sum),
        ]),
      );
      // The talents' capital adds up to the headline's 以才引资 (every talent is visible to these callers).
      const cents = rowsOf(talents!).reduce((n, r) => n + Math.round((r[2] as number) * 100), 0);
      expect(cents).toBe(Math.round(Number(s.investment.attributedToTalents.amount) * 100));
      expect(rowsOf(themes!)).toEqual(groups.themes.nodes.map((t: any) => [t.name, t.villages.totalCount]));
      expect(rowsOf(unions!).map((r) => r.slice(1))).toEqual([
        [s.unions.organizations, s.unions.members],
        [s.unions.agricultureRelated.organizations, s.unions.agricultureRelated.members],
      ]);
    });
  }

  it('writes CSV as UTF-8 with a BOM, the sections one after another', async () => {
    const res = await get('/export/report.csv?region=dashuibo', official);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`report-dashuibo-${today()}.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    for (const name of ['总览', '农房状态', '投资阶段', '以才引资', '主题村庄', '工会'])
      expect(text).toContain(name);
    expect(text).toContain('指标,数值');
  });

  it('lets an official read a region below theirs, and an admin any region', async () => {
    expect((await get('/export/report.xlsx?region=lidao', admin)).status).toBe(200);
    expect((await get('/export/report.xlsx?region=lidao', lidao)).status).toBe(200);
  });

  const hostile: [string, string | undefined, number, string][] = [
    ['/export/report.xlsx?region=dashuibo', undefined, 401, 'UNAUTHENTICATED'],
    ['/export/report.xlsx?region=dashuibo', 'not-a-token', 401, 'UNAUTHENTICATED'],
    ['/export/report.xlsx?region=nowhere', 'official', 404, 'NOT_FOUND'],
    ['/export/report.xlsx?region=dashuibo', 'lidao', 403, 'FORBIDDEN'],
    ['/export/report.xlsx?region=dashuibo', 'partner', 403, 'FORBIDDEN'],
    ['/export/report.xlsx', 'official', 400, 'BAD_USER_INPUT'],
    ['/export/report.xlsx?region=dashuibo&lang=fr', 'official', 400, 'BAD_USER_INPUT'],
    ['/export/report.xlsx?region=dashuibo&lang=zh&lang=en', 'official', 400, 'BAD_USER_INPUT'],
    ['/export/report.xlsx?region=dashuibo&where=%7B%7D', 'official', 400, 'BAD_USER_INPUT'],
    [
      `/export/report.xlsx?region=${encodeURIComponent("dashuibo' or 1=1 --")}`,
      'official',
      400,
      'BAD_USER_INPUT',
    ],
    [
      `/export/report.xlsx?region=${encodeURIComponent('=HYPERLINK("x")')}`,
      'official',
      400,
      'BAD_USER_INPUT',
    ],
    [`/export/report.xlsx?region=${'a'.repeat(5000)}`, 'official', 400, 'BAD_USER_INPUT'],
    ['/export/report.xlsx?region=__proto__', 'official', 400, 'BAD_USER_INPUT'],
  ];
  it.each(hostile)('refuses %s (%s) with %i %s and nothing else', async (path, who, status, code) => {
    const token =
      who === undefined ? undefined : (({ official, lidao, partner } as Record<string, string>)[who] ?? who);
    const res = await get(path, token);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(res.headers.get('content-disposition')).toBeNull();
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.errors[0].message).not.toMatch(/select|stack|at \//i);
  });

  it('answers another format with 404 like any unknown export', async () => {
    expect((await get('/export/report.pdf?region=dashuibo', official)).status).toBe(404);
  });
});

describe('npm run report', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn('npx', ['tsx', 'scripts/report.ts', ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('writes the report file, and refuses bad arguments with one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    const file = join(dir, 'r.xlsx');
    const good = await run(['--region', 'dashuibo', '--lang', 'en', '--out', file]);
    expect(good.err).toBe('');
    expect(good.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as never);
    expect(wb.worksheets[0]!.name).toBe('Headline figures');
    const bad = await run(['--region', 'dashuibo', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});
