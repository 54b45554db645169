import { isInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, DEFAULT_WHERE_LIMITS, loadConfig } from '../src/config.js';
import { checkWhere, OPERATORS } from '../src/data/where-limits.js';
import { checkRawInput, MAX_INPUT_NESTING } from '../src/graphql/input-checks.js';
import { getSchema } from '../src/graphql/schema.js';
import { calendarDate, parseIsoDate } from '../src/lib/dates.js';
import { neutralizeCell } from '../src/modules/spreadsheet/spreadsheet.export.js';
import { readCell } from '../src/modules/spreadsheet/spreadsheet.parse.js';
import { checkWorkbook, SheetTooLarge } from '../src/modules/spreadsheet/spreadsheet.zip.js';
import { ok, useApi } from './helpers.js';
import { xlsxBomb } from './zip-bomb.js';

/** The refusal `fn` throws: its message and extensions, or a failure when it throws none. */
function refusal(fn: () => void): { message: string; extensions: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a refusal');
}

const limits = DEFAULT_WHERE_LIMITS;
const nest = (key: string, times: number, leaf: object) => {
  let w: object = leaf;
  for (let i = 0; i < times; i++) w = { [key]: w };
  return w;
};

describe('where limits (checkWhere, pure)', () => {
  it('lets a where within every limit through', () => {
    expect(() =>
      checkWhere(
        {
          name: { contains: 'x'.repeat(200) },
          status: { in: Array.from({ length: 100 }, () => 'IDLE') },
          or: [{ not: { village: { town: { code: { eq: 'dashuibo' } } } } }],
        },
        limits,
      ),
    ).not.toThrow();
  });

  it('refuses a long text, naming the field, the limit and its variable', () => {
    const e = refusal(() => checkWhere({ address: { contains: 'ab'.repeat(101) } }, limits));
    expect(e.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'where.address.contains',
      limit: 'WHERE_MAX_STRING_LENGTH',
      max: 200,
    });
    expect(e.message).toContain('202 characters');
    // Items of an `in` list too.
    expect(refusal(() => checkWhere({ name: { in: ['a', 'b'.repeat(201)] } }, limits)).extensions.field).toBe(
      'where.name.in[1]',
    );
  });

  it('refuses a long in/notIn list', () => {
    const e = refusal(() =>
      checkWhere({ name: { notIn: Array.from({ length: 101 }, (_, i) => `${i}`) } }, limits),
    );
    expect(e.extensions).toMatchObject({ field: 'where.name.notIn', limit: 'WHERE_MAX_LIST_SIZE', max: 100 });
  });

  it('refuses nesting of and/or/not and relation filters past the depth', () => {
    expect(() => checkWhere(nest('not', 5, { name: { eq: 'x' } }), limits)).not.toThrow();
    const not = refusal(() => checkWhere(nest('not', 6, { name: { eq: 'x' } }), limits));
    expect(not.extensions).toMatchObject({
      field: 'where.not.not.not.not.not.not',
      limit: 'WHERE_MAX_DEPTH',
    });
    // A to-one relation (parent of a region) counts as a level, like and/or.
    expect(refusal(() => checkWhere(nest('parent', 6, { code: { eq: 'x' } }), limits)).extensions.field).toBe(
      'where.parent.parent.parent.parent.parent.parent',
    );
    const many = nest('and', 4, { houses: { some: { leases: { every: { mode: { eq: 'LEASE' } } } } } });
    expect(() => checkWhere(many, limits)).toThrow(/WHERE_MAX_DEPTH/);
    // 3,000 levels: refused at level 6, without walking (or overflowing) the rest.
    expect(() => checkWhere(nest('not', 3000, {}), limits)).toThrow(/WHERE_MAX_DEPTH/);
  });

  it('refuses more conditions than allowed, in one list or spread over the tree', () => {
    const wide = { or: Array.from({ length: 70_000 }, (_, i) => ({ name: { eq: `${i}` } })) };
    expect(refusal(() => checkWhere(wide, limits)).extensions).toMatchObject({
      field: 'where.or',
      limit: 'WHERE_MAX_CONDITIONS',
    });
    const spread = { and: Array.from({ length: 26 }, () => ({ name: { eq: 'a', ne: 'b' } })) };
    expect(refusal(() => checkWhere(spread, limits)).extensions).toMatchObject({
      field: 'where.and[25].name.eq',
      limit: 'WHERE_MAX_CONDITIONS',
      max: 50,
    });
  });

  it('refuses a NUL character in a filter text', () => {
    expect(refusal(() => checkWhere({ name: { eq: 'a\0b' } }, limits)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'where.name.eq',
    });
  });

  it('follows the configured limits', () => {
    const small = { ...limits, maxStringLength: 3, maxDepth: 1 };
    expect(() => checkWhere({ name: { eq: 'abcd' } }, small)).toThrow(/limit is 3/);
    expect(() => checkWhere({ not: { not: {} } }, small)).toThrow(/limit is 1/);
    const config = loadConfig({ WHERE_MAX_STRING_LENGTH: '10', WHERE_MAX_DEPTH: '2', IMPORT_MAX_ROWS: '7' });
    expect(config.whereLimits).toMatchObject({ maxStringLength: 10, maxDepth: 2, maxListSize: 100 });
    expect(config.importLimits.maxRows).toBe(7);
    expect(() => loadConfig({ WHERE_MAX_LIST_SIZE: '0' })).toThrow(/WHERE_MAX_LIST_SIZE/);
  });

  it('tells field filters from relation filters by shape: no where field is named like an operator', async () => {
    const schema = await getSchema();
    const reserved = [...OPERATORS];
    const wheres = Object.values(schema.getTypeMap()).filter(
      (t) => isInputObjectType(t) && t.name.endsWith('Where'),
    );
    expect(wheres.length).toBeGreaterThan(5);
    for (const type of wheres) {
      if (!isInputObjectType(type)) continue;
      const names = Object.keys(type.getFields());
      expect(
        names.filter((n) => reserved.includes(n) || ['some', 'none', 'every'].includes(n)),
        type.name,
      ).toEqual([]);
    }
  });
});

describe('raw input checks (checkRawInput, pure)', () => {
  it('refuses a NUL character anywhere, naming the path', () => {
    const e = refusal(() => checkRawInput({ a: [{ b: 'ok' }, { b: 'x\0' }] }, '$input'));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$input.a[1].b' });
  });

  it('refuses nesting deeper than graphql-js can coerce, without recursion of its own', () => {
    expect(() => checkRawInput(nest('not', MAX_INPUT_NESTING - 1, {}), '$w')).not.toThrow();
    expect(() => checkRawInput(nest('not', MAX_INPUT_NESTING + 1, {}), '$w')).toThrow(/levels deep/);
    expect(() => checkRawInput(nest('not', 100_000, {}), '$w')).toThrow(/levels deep/);
  });
});

describe('strict dates', () => {
  it('never rolls an impossible date over', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ date: '2024-02-29' });
    expect(parseIsoDate('2023-02-29')).toHaveProperty('error');
    expect(parseIsoDate('2024-13-01')).toHaveProperty('error');
    expect(parseIsoDate('2024-04-31')).toHaveProperty('error');
    expect(parseIsoDate('0099-12-31')).toHaveProperty('error');
    expect(parseIsoDate('1899-12-31')).toHaveProperty('error');
    expect(calendarDate(1900, 2, 29)).toHaveProperty('error'); // not a leap year
    expect(calendarDate(2000, 2, 29)).toEqual({ date: '2000-02-29' });
  });

  it('refuses the spreadsheet dates that used to be moved (2024/13/1, 0099-12-31) and keeps good ones', () => {
    const column = { key: 'arrivedOn', en: 'Arrived on', zh: '到来日期', type: 'date' as const };
    expect(readCell(column, '2024/13/1').error).toMatch(/not a date/);
    expect(readCell(column, '0099-12-31').error).toMatch(/1900/);
    expect(readCell(column, '2024/2/30').error).toMatch(/not a date/);
    expect(readCell(column, new Date(Date.UTC(1850, 0, 1))).error).toMatch(/1900/);
    expect(readCell(column, '2024年3月1日')).toEqual({ value: '2024-03-01' });
    expect(readCell(column, new Date(Date.UTC(2021, 2, 11)))).toEqual({ value: '2021-03-11' });
  });

  it('refuses a NUL in a cell and reads back a neutralised formula as typed', () => {
    const column = { key: 'displayName', en: 'Display name', zh: '公开名', type: 'text' as const };
    expect(readCell(column, 'a\0b').error).toMatch(/NUL/);
    expect(readCell(column, '\'=HYPERLINK("x")')).toEqual({ value: '=HYPERLINK("x")' });
    expect(readCell(column, "O'Brien")).toEqual({ value: "O'Brien" });
  });
});

describe('formula neutralisation of exported cells', () => {
  it('prefixes a quote to text a spreadsheet would run, and leaves the rest', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralizeCell(text)).toBe(`'${text}`);
    for (const value of ['李林', 'a=b', '-122.4', '35', 42, null, true])
      expect(neutralizeCell(value)).toBe(value);
  });
});

describe('XLSX limits (checkWorkbook)', () => {
  it('refuses a zip bomb by its declared sizes in milliseconds', async () => {
    const bomb = await xlsxBomb(200);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    expect(() => checkWorkbook(bomb, DEFAULT_IMPORT_LIMITS)).toThrow(SheetTooLarge);
    expect(() => checkWorkbook(bomb, DEFAULT_IMPORT_LIMITS)).toThrow(/IMPORT_MAX_UNZIPPED_MB/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses a part compressed past the ratio', async () => {
    const bomb = await xlsxBomb(20);
    expect(() => checkWorkbook(bomb, DEFAULT_IMPORT_LIMITS)).toThrow(/IMPORT_MAX_ZIP_RATIO/);
  });

  it('refuses a bomb whose directory lies about its sizes, inflating no more than it declares', async () => {
    const bomb = await xlsxBomb(200, { lie: true });
    const before = process.memoryUsage().rss;
    const started = performance.now();
    expect(() => checkWorkbook(bomb, DEFAULT_IMPORT_LIMITS)).toThrow(/more than the 1024 bytes it declares/);
    expect(performance.now() - started).toBeLessThan(500);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('counts the rows of a real workbook against IMPORT_MAX_ROWS', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('talents');
    sheet.addRow(['Display name']);
    for (let i = 0; i < 30; i++) sheet.addRow([`talent ${i}`]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => checkWorkbook(file, DEFAULT_IMPORT_LIMITS)).not.toThrow();
    expect(() => checkWorkbook(file, { ...DEFAULT_IMPORT_LIMITS, maxRows: 30 })).not.toThrow();
    expect(() => checkWorkbook(file, { ...DEFAULT_IMPORT_LIMITS, maxRows: 29 })).toThrow(
      'The sheet has 30 data rows; the limit is 29 (IMPORT_MAX_ROWS)',
    );
  });
});

describe('input checks through the schema', () => {
  const api = useApi();
  const TWO_LISTS = `query($w: RuralHouseWhere) {
    villages(first: 1) { totalCount }
    ruralHouses(where: $w) { totalCount }
  }`;

  it('refuses a where past a limit before any SQL runs, naming the field and the limit', async () => {
    const result = await api.run(TWO_LISTS, {
      w: { or: [{ village: { name: { contains: 'x'.repeat(201) } } }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ruralHouses.where.or[0].village.name.contains',
      limit: 'WHERE_MAX_STRING_LENGTH',
      max: 200,
    });
    expect(result.data).toBeUndefined();
    expect(result.statements).toBe(0);
  });

  it('checks where arguments of nested lists and fragments, with literals and variables mixed', async () => {
    const result = await api.run(
      `query($s: [String!]) { regions(first: 1) { nodes { ...F } } }
       fragment F on Region { villages(where: { name: { in: $s } }) { totalCount } }`,
      { s: Array.from({ length: 101 }, (_, i) => `v${i}`) },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      field: 'villages.where.name.in',
      limit: 'WHERE_MAX_LIST_SIZE',
    });
    expect(result.statements).toBe(0);
  });

  it('runs a where within the limits as before', async () => {
    const data = ok(
      await api.run(TWO_LISTS, {
        w: { and: [{ not: { status: { in: ['IDLE'] } } }, { village: { name: { startsWith: '东' } } }] },
      }),
    );
    expect(data.ruralHouses.totalCount).toBeGreaterThan(0);
  });

  it('refuses a NUL character in a variable before execution', async () => {
    const result = await api.run('query($c: String!) { region(code: $c) { code } }', { c: 'weihai\u0000' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$c' });
    expect(result.statements).toBe(0);
  });

  it('refuses a cursor forged with a value of the wrong type, and takes the real one', async () => {
    const first = ok(
      await api.run('{ talents(first: 1, orderBy: [{ field: ARRIVED_ON }]) { pageInfo { endCursor } } }'),
    );
    const cursor: string = first.talents.pageInfo.endCursor;
    const next = `query($a: String) { talents(first: 1, after: $a, orderBy: [{ field: ARRIVED_ON }]) { totalCount } }`;
    expect(ok(await api.run(next, { a: cursor })).talents.totalCount).toBeGreaterThan(0);
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    values[1] = 'not a date';
    const forged = await api.run(next, { a: Buffer.from(JSON.stringify(values)).toString('base64url') });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
