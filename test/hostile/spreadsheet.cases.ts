import { expect } from 'vitest';
import { xlsxBomb } from '../zip-bomb.js';
import type { HostileCase, HostileTarget } from './corpus.js';

/** Hostile files for importSpreadsheet (signed in as an official of Dashuibo) and what exports give back. */

const IMPORT = `mutation($input: ImportSpreadsheetInput!) {
  importSpreadsheet(input: $input) { rows created rowErrors { row column message } userErrors { field code message } }
}`;

async function importFile(
  t: HostileTarget,
  kind: string,
  format: 'CSV' | 'XLSX',
  content: Buffer | string,
  dryRun = false,
) {
  return t.graphql(
    {
      query: IMPORT,
      variables: {
        input: {
          kind,
          format,
          contentBase64: Buffer.from(content).toString('base64'),
          regionCode: 'dashuibo',
          dryRun,
        },
      },
    },
    { authorization: `Bearer ${await t.token('OFFICIAL', 'dashuibo')}` },
  );
}

type Payload = { data: { importSpreadsheet: { created: number; rowErrors: { message: string }[] } } };
const rowErrorsOf = (body: unknown) =>
  (body as Payload).data.importSpreadsheet.rowErrors.map((e) => e.message);
const TALENT_HEADER = 'Display name,Full name,Settlement,Arrived on';
const HOUSE_HEADER = 'Village,Address,Floor area (m2),Status';

export const cases: HostileCase[] = [
  {
    name: 'an XLSX zip bomb (a sheet of 200 MB of XML in under 1 MB)',
    send: async (t) => importFile(t, 'TALENTS', 'XLSX', await xlsxBomb(200)),
    status: 200,
    code: 'TOO_LARGE',
    maxMs: 4_000,
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('IMPORT_MAX_UNZIPPED_MB');
    },
  },
  {
    name: 'three XLSX zip bombs at once',
    send: async (t) => {
      const bomb = await xlsxBomb(200);
      const [first] = await Promise.all([1, 2, 3].map(() => importFile(t, 'HOUSES', 'XLSX', bomb)));
      return first!;
    },
    status: 200,
    code: 'TOO_LARGE',
    maxMs: 6_000,
  },
  {
    name: 'an XLSX zip bomb whose directory declares its sheet 1 KB',
    send: async (t) => importFile(t, 'TALENTS', 'XLSX', await xlsxBomb(200, { lie: true })),
    status: 200,
    code: 'TOO_LARGE',
    maxMs: 4_000,
  },
  {
    name: 'an XLSX sheet compressed 1,000 to 1',
    send: async (t) => importFile(t, 'TALENTS', 'XLSX', await xlsxBomb(20)),
    status: 200,
    code: 'TOO_LARGE',
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('IMPORT_MAX_ZIP_RATIO');
    },
  },
  {
    name: 'a CSV of 100,001 rows',
    send: (t) =>
      importFile(t, 'TALENTS', 'CSV', `${TALENT_HEADER}\n${'x,y,RESIDENT,\n'.repeat(100_001)}`, true),
    status: 200,
    code: 'TOO_LARGE',
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('IMPORT_MAX_ROWS');
    },
  },
  {
    name: 'a file of 5.2 MiB (past the 5 MiB of an import)',
    send: (t) => importFile(t, 'TALENTS', 'CSV', Buffer.alloc(5.2 * 1024 * 1024, 'a')),
    status: 200,
    code: 'TOO_LARGE',
  },
  {
    name: 'a file that is not a workbook',
    send: (t) => importFile(t, 'TALENTS', 'XLSX', 'PK\u0003\u0004 not a zip at all'),
    status: 200,
    code: 'INVALID',
  },
  {
    name: 'impossible import dates (2024/13/1, 0099-12-31, 2023-02-29) are refused, never rolled over',
    send: (t) =>
      importFile(
        t,
        'TALENTS',
        'CSV',
        [
          TALENT_HEADER,
          'Roll A,滚动甲,RESIDENT,2024/13/1',
          'Roll B,滚动乙,RESIDENT,0099-12-31',
          'Roll C,滚动丙,RESIDENT,2023-02-29',
        ].join('\n'),
      ),
    status: 200,
    check: async (_r, body, t) => {
      const messages = rowErrorsOf(body);
      expect(messages).toHaveLength(3);
      for (const m of messages) expect(m).toMatch(/is not a date/);
      expect(await t.sql("select 1 from talent where display_name like 'Roll %'")).toEqual([]);
    },
  },
  {
    name: 'a NUL byte in a CSV cell',
    send: (t) => importFile(t, 'TALENTS', 'CSV', `${TALENT_HEADER}\nNul\u0000Name,空字符,RESIDENT,`),
    status: 200,
    check: (_r, body) => {
      expect(rowErrorsOf(body)).toEqual(['The cell contains a NUL character']);
    },
  },
  {
    name: 'a floor area of 1,000,000 m² in a CSV',
    send: (t) => importFile(t, 'HOUSES', 'CSV', `${HOUSE_HEADER}\n东山村,巨大路1号,1000000,IDLE`),
    status: 200,
    check: (_r, body) => {
      expect(rowErrorsOf(body)).toEqual(['floorAreaM2 must be less than 1,000,000']);
    },
  },
  {
    name: 'a talent named =HYPERLINK(…) comes out of a CSV export neutralised',
    send: async (t) => {
      const imported = await importFile(
        t,
        'TALENTS',
        'CSV',
        `${TALENT_HEADER},Public profile\n"=HYPERLINK(""http://evil.example"",""x"")",公式,RESIDENT,2020-01-01,yes`,
      );
      expect(((await imported.json()) as Payload).data.importSpreadsheet.created).toBe(1);
      return fetch(
        `${t.base}/export/talents.csv?lang=en&where=${encodeURIComponent('{"displayName":{"startsWith":"=HYPER"}}')}`,
        { headers: { authorization: `Bearer ${await t.token('OFFICIAL', 'dashuibo')}` } },
      );
    },
    status: 200,
    check: (_r, body) => {
      const lines = String(body).split('\n');
      expect(lines).toHaveLength(3); // header, the talent, the final newline
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    },
  },
];
