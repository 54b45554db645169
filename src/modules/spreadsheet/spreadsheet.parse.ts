import { parse } from 'csv-parse/sync';
import type { Column } from './spreadsheet.columns.js';

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

/** Reads the first sheet of an XLSX workbook or a CSV file (UTF-8, with or without BOM). */
export async function readSheet(format: SheetFormat, data: Buffer): Promise<Sheet> {
  let table: unknown[][];
  if (format === 'csv') {
    table = parse(data, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } else {
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

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** One cell as the column wants it: a normalised value, nothing (empty), or why it is wrong. */
export function readCell(column: Column, raw: unknown): { value?: string | boolean; error?: string } {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return {};
  switch (column.type) {
    case 'text':
      return { value: String(raw).trim() };
    case 'date': {
      if (raw instanceof Date) return { value: isoDate(raw) };
      const text = String(raw)
        .trim()
        .replace(/[./年月]/g, '-')
        .replace(/日$/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!date || date.getUTCDate() !== Number(m![3]))
        return { error: `"${String(raw)}" is not a date (YYYY-MM-DD)` };
      return { value: isoDate(date) };
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
