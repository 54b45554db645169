import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runScript } from '../src/db/script.js';
import { createContext } from '../src/graphql/context.js';
import { Locale } from '../src/graphql/locale.js';
import { getSchema } from '../src/graphql/schema.js';
import { buildReport } from '../src/modules/report/report.js';
import { scriptActor } from '../src/modules/spreadsheet/spreadsheet.actor.js';
import { loadSecret } from '../src/modules/user/auth.js';

/**
 * `npm run report -- --region <code> [--lang zh|en] [--format xlsx|csv] [--out <file>]`
 * Writes a region's dashboard report (as an official of the region sees it) to `--out`, by default
 * `report-<code>-<YYYY-MM-DD>.<format>` in the current directory.
 */
const USAGE = 'usage: npm run report -- --region <code> [--lang zh|en] [--format xlsx|csv] [--out <file>]';
let values: { region?: string; lang?: string; format?: string; out?: string };
try {
  ({ values } = parseArgs({
    options: {
      region: { type: 'string' },
      lang: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  }));
} catch {
  console.error(USAGE);
  process.exit(2);
}
const lang = values.lang ?? 'zh';
const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
if (!values.region || !['zh', 'en'].includes(lang) || !['xlsx', 'csv'].includes(format)) {
  console.error(USAGE);
  process.exit(2);
}
await runScript('report failed', async (db, config) => {
  const { viewer } = await scriptActor(db.orm.em.fork(), values.region!);
  const auth = {
    secret: await loadSecret(config.jwtSecret, config.dataDir),
    tokenTtlSeconds: 60,
    failureDelayMs: 0,
  };
  const ctx = createContext(db.orm.em, auth, { viewer, locale: lang === 'en' ? Locale.EN : Locale.ZH });
  const report = await buildReport(ctx, await getSchema(), { region: values.region, lang, format });
  const out = values.out ?? report.fileName;
  await writeFile(out, report.data);
  console.log(`wrote ${out}`);
  return 0;
});
