import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runScript } from '../src/db/script.js';
import { createContext } from '../src/graphql/context.js';
import { Locale } from '../src/graphql/locale.js';
import { getSchema } from '../src/graphql/schema.js';
import { scriptActor } from '../src/modules/spreadsheet/spreadsheet.actor.js';
import { EXPORTABLE, exportList, type Lang } from '../src/modules/spreadsheet/spreadsheet.export.js';
import { loadSecret } from '../src/modules/user/auth.js';

/**
 * `npm run export -- <list> --region <code> --out <file.xlsx|file.csv> [--where '<json>'] [--lang zh|en]`
 * Exports a list as an official of the region sees it (private fields of the region included).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    region: { type: 'string' },
    out: { type: 'string' },
    where: { type: 'string' },
    lang: { type: 'string' },
  },
});
const [list] = positionals;
const format = values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
if (!list || !(list in EXPORTABLE) || !values.out || !values.region) {
  console.error(
    `usage: npm run export -- <${Object.keys(EXPORTABLE).join('|')}> --region <code> --out <file.xlsx|file.csv> [--where '<json>'] [--lang zh|en]`,
  );
  process.exit(2);
}
const lang = (values.lang ?? 'zh') as Lang;
await runScript('export failed', async (db, config) => {
  const { viewer } = await scriptActor(db.orm.em.fork(), values.region!);
  const auth = {
    secret: await loadSecret(config.jwtSecret, config.dataDir),
    tokenTtlSeconds: 60,
    failureDelayMs: 0,
  };
  const ctx = createContext(db.orm.em, auth, { viewer, locale: lang === 'en' ? Locale.EN : Locale.ZH });
  const data = await exportList(ctx, list, {
    where: values.where ? JSON.parse(values.where) : undefined,
    lang,
    format,
    schema: await getSchema(),
  });
  await writeFile(values.out!, data);
  console.log(`wrote ${values.out}`);
  return 0;
});
