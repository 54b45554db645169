import type { Context } from '../../graphql/context.js';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import { UserErrorCode, userError } from '../../graphql/payload.js';
import { requireWriter } from '../../graphql/write/mutation.js';
import { Region } from '../region/region.entity.js';
import { regionSubtree } from '../region/region.service.js';
import { importSheet } from './spreadsheet.import.js';
import { readSheet } from './spreadsheet.parse.js';
import { type ImportSpreadsheetInput, MAX_IMPORT_BYTES } from './spreadsheet.types.js';
import { SheetTooLarge } from './spreadsheet.zip.js';

const refused = (field: string, code: UserErrorCode, message: string) => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  dryRun: false,
  rowErrors: [],
  userErrors: [userError(['input', field], code, message)],
});

export const spreadsheetService = {
  /** The importSpreadsheet mutation: the caller's region rights apply to every row. */
  async import(ctx: Context, input: ImportSpreadsheetInput) {
    const answer = await importSpreadsheet(ctx, input);
    // A refused or rejected file, or a dry run, wrote nothing: a keyed request stores no answer.
    if (ctx.idempotency && (answer.userErrors.length || answer.rowErrors.length || answer.dryRun))
      ctx.idempotency.rolledBack = true;
    return answer;
  },
};

/** Reads, checks and imports the file (see `importSheet`). */
async function importSpreadsheet(ctx: Context, input: ImportSpreadsheetInput) {
  const viewer = requireWriter(ctx.viewer);
  const data = Buffer.from(input.contentBase64, 'base64');
  if (data.length > MAX_IMPORT_BYTES)
    return refused(
      'contentBase64',
      UserErrorCode.TOO_LARGE,
      `The file is larger than ${MAX_IMPORT_BYTES} bytes`,
    );
  const region = await ctx.em.findOne(Region, { code: input.regionCode });
  if (!region)
    return refused('regionCode', UserErrorCode.NOT_FOUND, `No region with code "${input.regionCode}"`);
  const scoped =
    viewer.role === 'ADMIN' ? { ...viewer, regionIds: await regionSubtree(ctx.em, region.id) } : viewer;
  if (!scoped.regionIds.includes(region.id)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `You may not import into ${region.nameZh}: it is outside the region you govern`,
    );
  }
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(input.format, data, ctx.limits.import);
  } catch (error) {
    if (error instanceof SheetTooLarge)
      return refused('contentBase64', UserErrorCode.TOO_LARGE, error.message);
    return refused(
      'contentBase64',
      UserErrorCode.INVALID,
      `The file is not a readable ${input.format.toUpperCase()} file`,
    );
  }
  const result = await importSheet(ctx.em, {
    kind: input.kind,
    sheet,
    viewer: scoped,
    region,
    dryRun: !!input.dryRun,
  });
  return { ...result, rowErrors: result.errors, userErrors: [] };
}
