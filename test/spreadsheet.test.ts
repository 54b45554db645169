import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

const api = useApi({ writes: true });
const root = fileURLToPath(new URL('..', import.meta.url));
let token: string;
let lidaoToken: string;

const IMPORT = `mutation($input: ImportSpreadsheetInput!) {
  importSpreadsheet(input: $input) { rows created updated unchanged dryRun rowErrors { row column message } userErrors { field code message } }
}`;
const importCsv = (
  csv: string,
  kind: string,
  options: { token?: string; regionCode?: string; dryRun?: boolean } = {},
) =>
  api
    .run(
      IMPORT,
      {
        input: {
          kind,
          format: 'CSV',
          contentBase64: Buffer.from(csv).toString('base64'),
          regionCode: options.regionCode ?? 'dashuibo',
          dryRun: options.dryRun,
        },
      },
      { token: options.token ?? token },
    )
    .then((r) => ok(r).importSpreadsheet);
const count = async (sql: string, params: unknown[] = []) =>
  (await api.sql(`select count(*)::int as n from ${sql}`, params))[0].n as number;

beforeAll(async () => {
  token = await tokenFor(api, 'sheet-official', Role.OFFICIAL, 'dashuibo');
  lidaoToken = await tokenFor(api, 'sheet-lidao', Role.OFFICIAL, 'lidao');
});

describe('importSpreadsheet', () => {
  const bad = [
    '村,地址,建筑面积,状态',
    '东山村,表格路1号,120.5,闲置',
    '东山村,表格路2号,0,闲置',
    '无此村,表格路3号,80,闲置',
    '东山村,表格路4号,abc,未知',
  ].join('\n');
  const good = [
    '村,地址,建筑面积,状态,用途',
    '东山村,表格路1号,120.5,闲置,',
    '东山村,表格路2号,99,已投用,民宿',
    'Dongshan Village,表格路3号,80,IDLE,',
  ].join('\n');

  it('rejects a file with mistakes as a whole, listing every bad row, and writes nothing', async () => {
    const result = await importCsv(bad, 'HOUSES');
    expect(result.created).toBe(0);
    expect(result.rowErrors).toEqual([
      { row: 3, column: '建筑面积', message: 'floorAreaM2 must be more than 0' },
      { row: 4, column: '村', message: 'No village "无此村" in your regions' },
      { row: 5, column: '建筑面积', message: '"abc" is not an amount' },
      {
        row: 5,
        column: '状态',
        message: '"未知" is not one of IDLE, TRANSFERRED, RENOVATING, RENOVATED, IN_USE',
      },
    ]);
    expect(await count("rural_house where address like '表格路%'")).toBe(0);
  });

  it('writes the fixed file, then changes nothing when it comes again', async () => {
    const first = await importCsv(good, 'HOUSES');
    expect(first).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0, rowErrors: [] });
    const audits = await count("audit_log where user_email = 'sheet-official@tests.example'");
    expect(audits).toBe(3);
    const again = await importCsv(good, 'HOUSES');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rowErrors: [] });
    expect(await count("audit_log where user_email = 'sheet-official@tests.example'")).toBe(audits);
    const changed = await importCsv(good.replace('表格路2号,99', '表格路2号,100'), 'HOUSES');
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('checks without writing on dryRun, and refuses regions the caller does not govern', async () => {
    const dry = await importCsv(good.replaceAll('表格路', '试算路'), 'HOUSES', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 3, rowErrors: [] });
    expect(await count("rural_house where address like '试算路%'")).toBe(0);
    const foreign = await api.run(
      IMPORT,
      {
        input: {
          kind: 'HOUSES',
          format: 'CSV',
          contentBase64: Buffer.from(good).toString('base64'),
          regionCode: 'dashuibo',
        },
      },
      { token: lidaoToken },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await importCsv(good, 'HOUSES', { regionCode: 'atlantis' });
    expect(unknown.userErrors[0]).toMatchObject({ field: ['input', 'regionCode'], code: 'NOT_FOUND' });
  });

  it('imports talents, leases and investments with English headers and values', async () => {
    const talents = await importCsv(
      [
        'Display name,Full name,Settlement,Arrived on,Public profile',
        'Sheet Wang,王表格,RESIDENT,2020-05-01,yes',
        'Sheet Li,李表格,柔性,2021/3/1,否',
      ].join('\n'),
      'TALENTS',
    );
    expect(talents).toMatchObject({ created: 2, rowErrors: [] });
    const leases = await importCsv(
      [
        'Village,Address,Tenant type,Tenant,Mode,Starts on,Ends on,Annual rent',
        '东山村,表格路3号,TALENT,王表格,LEASE,2022-01-01,2031-12-31,6000',
      ].join('\n'),
      'LEASES',
    );
    expect(leases).toMatchObject({ created: 1, rowErrors: [] });
    const tooLong = await importCsv(
      [
        'Village,Address,Tenant type,Tenant,Mode,Starts on,Ends on',
        '东山村,表格路1号,PROJECT,威海设计谷,SHARE,2022-01-01,2045-01-01',
      ].join('\n'),
      'LEASES',
    );
    expect(tooLong.rowErrors).toEqual([
      { row: 2, column: 'Ends on', message: 'A lease lasts at most 20 years' },
    ]);
    const investments = await importCsv(
      [
        'Project,Investor,Attributed to,Stage,Amount (CNY),Signed on',
        '威海设计谷,胶东文旅发展基金,Sheet Wang,签约,"1,200,000",2024-02-01',
      ].join('\n'),
      'INVESTMENTS',
    );
    expect(investments).toMatchObject({ created: 1, rowErrors: [] });
    const [row] = await api.sql("select amount, stage from investment where signed_on = '2024-02-01'");
    expect(row).toEqual({ amount: '1200000.00', stage: 'SIGNED' });
  });

  it("checks a lease against the leases earlier rows of the same file wrote (in the import's transaction)", async () => {
    const houses = await importCsv(['村,地址,建筑面积', '东山村,重叠路1号,80'].join('\n'), 'HOUSES');
    expect(houses).toMatchObject({ created: 1, rowErrors: [] });
    const leases = await importCsv(
      [
        'Village,Address,Tenant type,Tenant,Mode,Starts on,Ends on',
        '东山村,重叠路1号,PROJECT,威海设计谷,LEASE,2030-01-01,2031-12-31',
        '东山村,重叠路1号,PROJECT,威海设计谷,LEASE,2031-01-01,2032-12-31',
      ].join('\n'),
      'LEASES',
    );
    expect(leases).toMatchObject({ created: 0 });
    expect(leases.rowErrors).toEqual([
      { row: 3, column: 'Starts on', message: 'The house is leased during part of that time already' },
    ]);
  });

  it('reads XLSX files too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('houses');
    sheet.addRow(['Village', 'Address', 'Floor area (m2)', 'Renovated on']);
    sheet.addRow(['东山村', 'Excel路1号', 135.25, new Date(Date.UTC(2020, 4, 20))]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const result = ok(
      await api.run(
        IMPORT,
        { input: { kind: 'HOUSES', format: 'XLSX', contentBase64: content, regionCode: 'dashuibo' } },
        { token },
      ),
    ).importSpreadsheet;
    expect(result).toMatchObject({ created: 1, rowErrors: [] });
    expect(
      (await api.sql("select floor_area_m2, renovated_on from rural_house where address = 'Excel路1号'"))[0],
    ).toEqual({
      floor_area_m2: '135.25',
      renovated_on: '2020-05-20',
    });
  });
});

describe('npm run import', () => {
  it('writes no row of a file when the process is killed half-way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revgraph-import-'));
    const file = join(dir, 'houses.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `东山村,中断路${i}号,${100 + (i % 50)},闲置`);
    await writeFile(file, ['村,地址,建筑面积,状态', ...rows].join('\n'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', 'houses', file, '--region', 'dashuibo'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject('writeDatabaseUrl') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let progress = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        const done = [...progress.matchAll(/progress (\d+)\/3000/g)].map((m) => Number(m[1])).at(-1) ?? 0;
        if (done >= 600 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(done);
        }
      });
      child.on('exit', () => reject(new Error(`the import ended before it could be killed:\n${progress}`)));
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(killedAt).toBeLessThan(3000);
    // The server rolls back the transaction of a vanished client.
    for (
      let i = 0;
      i < 50 && (await count("pg_stat_activity where state like 'idle in transaction%'")) > 0;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count("rural_house where address like '中断路%'")).toBe(0);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('GET /export', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const apollo = await createApollo({ maxQueryDepth: 12, log: () => {} });
    server = createHttpServer({ apollo, em: api.orm.em, auth: testAuth, log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('exports a filtered list as XLSX with Chinese headers, and as CSV in English, for signed-in callers only', async () => {
    const where = encodeURIComponent(JSON.stringify({ village: { name: { eq: '东山村' } } }));
    expect((await fetch(`${base}/export/ruralHouses.xlsx?where=${where}`)).status).toBe(401);
    const res = await fetch(`${base}/export/ruralHouses.xlsx?where=${where}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '村',
      '地址',
      '地址（英文）',
      '建筑面积',
      '状态',
      '用途',
      '产权户',
      '改建日期',
    ]);
    const expected = await count(
      "rural_house h join village v on v.id = h.village_id where v.name_zh = '东山村' and h.archived_at is null",
    );
    expect(sheet.rowCount - 1).toBe(expected);
    expect(sheet.getRow(2).getCell(7).value).toMatch(/^示例户|^$/);
    const csv = await fetch(`${base}/export/ruralHouses.csv?lang=en&where=${where}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\n')[0]).toBe(
      'Village,Address,Address (English),Floor area (m2),Status,Use,Owner household,Renovated on',
    );
    expect(text).toContain('Dongshan Village');
    const badWhere = await fetch(`${base}/export/ruralHouses.csv?where=${encodeURIComponent('{"nope":1}')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(badWhere.status).toBe(400);
  });
});
