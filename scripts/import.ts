import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../src/config.js';
import { runScript } from '../src/db/script.js';
import { scriptActor } from '../src/modules/spreadsheet/spreadsheet.actor.js';
import { SHEET_KINDS, type SheetKind } from '../src/modules/spreadsheet/spreadsheet.columns.js';
import { importSheet } from '../src/modules/spreadsheet/spreadsheet.import.js';
import { readSheet } from '../src/modules/spreadsheet/spreadsheet.parse.js';

/**
 * `npm run import -- <talents|houses|leases|investments> <file.csv|file.xlsx> --region <code> [--dry-run]`
 * All-or-nothing: a bad row rejects the whole file (exit code 1) and every bad row is listed.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { region: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
});
const [kind, file] = positionals as [SheetKind, string];
if (!SHEET_KINDS.includes(kind) || !file || !values.region) {
  console.error(
    `usage: npm run import -- <${SHEET_KINDS.join('|')}> <file.csv|file.xlsx> --region <code> [--dry-run]`,
  );
  process.exit(2);
}
const format = (values.format ?? extname(file).slice(1).toLowerCase()) as 'csv' | 'xlsx';
if (format !== 'csv' && format !== 'xlsx') {
  console.error('the file must be .csv or .xlsx (or give --format csv|xlsx)');
  process.exit(2);
}

const sheet = await readSheet(format, await readFile(file), loadConfig().importLimits);
await runScript('import failed', async (db) => {
  const { region, viewer } = await scriptActor(db.orm.em.fork(), values.region!);
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new SingleBar({ format: `${kind} [{bar}] {value}/{total} rows`, stream: process.stderr })
    : null;
  bar?.start(sheet.rows.length, 0);
  let reported = 0;
  const result = await importSheet(db.orm.em, {
    kind,
    sheet,
    viewer,
    region,
    dryRun: values['dry-run'],
    onProgress(done, total) {
      bar?.update(done);
      // Without a terminal, a line every 5 %.
      if (!tty && (done === total || done - reported >= Math.max(1, Math.floor(total / 20)))) {
        reported = done;
        process.stderr.write(`progress ${done}/${total}\n`);
      }
    },
  });
  bar?.stop();
  if (result.errors.length) {
    console.log(`rejected ${file}: ${result.errors.length} error(s), nothing was written`);
    for (const e of result.errors)
      console.log(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
    return 1;
  }
  const verb = result.dryRun ? 'would import' : 'imported';
  console.log(
    `${verb} ${result.rows} row(s) of ${kind}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`,
  );
  return 0;
});
