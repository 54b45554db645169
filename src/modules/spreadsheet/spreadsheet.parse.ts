import { parse } from 'csv-parse/sync';
import type { ImportLimits } from '../../config.js';
import { calendarDate } from '../../lib/dates.js';
import type { Column } from './spreadsheet.columns.js';
import { checkWorkbook, SheetTooLarge } from './spreadsheet.zip.js';

export type SheetFormat = 'csv' | 'xlsx';

/** A sheet as read: header texts and data rows (spreadsheet row numbers start at 2). */
export interface Sheet {
  headers: string[];
  rows: unknown[][];
}

function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return value;
}

/**
 * Reads the first sheet of an XLSX workbook or a CSV file (UTF-8, with or without BOM). A sheet past
 * `limits` throws SheetTooLarge before it is read whole (checkWorkbook for XLSX; CSV stops reading
 * one record past the row limit).
 */
export async function readSheet(format: SheetFormat, data: Buffer, limits: ImportLimits): Promise<Sheet> {
  let table: unknown[][];
  if (format === 'csv') {
    table = parse(data, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to: limits.maxRows + 2, // the header, the rows allowed, and one to tell there are more
    }) as string[][];
    if (table.length > limits.maxRows + 1)
      throw new SheetTooLarge(
        `The file has more than ${limits.maxRows} data rows, the limit (IMPORT_MAX_ROWS)`,
      );
  } else {
    checkWorkbook(data, limits);
    // Loaded on first use: exceljs is large, and most runs of the API never read a workbook.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1).map(plain);
      table[row.number - 1] = values;
    });
    table = Array.from(table, (r) => r ?? []);
  }
  const [headers = [], ...rows] = table;
  return { headers: headers.map((h) => String(h ?? '').trim()), rows };
}

/** A date as people type it: 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日; never rolled over. */
function dateOfText(raw: string) {
  const text = raw
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return { error: 'a date is written YYYY-MM-DD' };
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** One cell as the column wants it: a normalised value, nothing (empty), or why it is wrong. */
export function readCell(column: Column, raw: unknown): { value?: string | boolean; error?: string } {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return {};
  // PostgreSQL cannot store a NUL character; a cell holding one is a broken file, not a name.
  if (typeof raw === 'string' && raw.includes('\0')) return { error: 'The cell contains a NUL character' };
  switch (column.type) {
    case 'text':
      // An export marks text that would read as a formula with a leading ' (neutralizeCell): drop it.
      return {
        value: String(raw)
          .trim()
          .replace(/^'(?=[=+\-@\t\r])/, ''),
      };
    case 'date': {
      const parsed =
        raw instanceof Date
          ? calendarDate(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate())
          : dateOfText(String(raw));
      if ('error' in parsed) return { error: `"${String(raw)}" is not a date (YYYY-MM-DD): ${parsed.error}` };
      return { value: parsed.date };
    }
    case 'decimal': {
      const text =
        typeof raw === 'number'
          ? String(raw)
          : String(raw)
              .trim()
              .replace(/[,，\s]/g, '');
      if (!/^\d+(\.\d+)?$/.test(text)) return { error: `"${String(raw)}" is not an amount` };
      const [whole, fraction = ''] = text.split('.');
      if (fraction.length > 2 && !/^0*$/.test(fraction.slice(2)))
        return { error: `"${String(raw)}" has more than 2 decimals` };
      return { value: fraction ? `${whole}.${fraction.slice(0, 2)}` : whole! };
    }
    case 'bool': {
      const text = String(raw).trim().toLowerCase();
      if (['1', 'true', 'yes', 'y', '是', '√'].includes(text)) return { value: true };
      if (['0', 'false', 'no', 'n', '否', '×'].includes(text)) return { value: false };
      return { error: `"${String(raw)}" is not yes/no (是/否)` };
    }
    case 'enum': {
      const text = String(raw).trim();
      const value = column.values?.[text] ?? column.values?.[text.toLowerCase()];
      if (!value) {
        const allowed = [...new Set(Object.values(column.values ?? {}))].join(', ');
        return { error: `"${text}" is not one of ${allowed}` };
      }
      return { value };
    }
  }
}
