import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { spreadsheetService } from './spreadsheet.service.js';
import { ImportSpreadsheetInput, ImportSpreadsheetPayload } from './spreadsheet.types.js';

@Resolver()
export class SpreadsheetResolver {
  @Mutation(() => ImportSpreadsheetPayload, {
    description:
      'Imports talents, houses, leases or investments from CSV or XLSX (headers in Chinese or English), all or nothing: any bad row rejects the file and every bad row is listed. Rows match existing objects on a natural key, so the same file twice changes nothing.',
  })
  importSpreadsheet(
    @Arg('input', () => ImportSpreadsheetInput, { description: 'The file and where it belongs.' })
    input: ImportSpreadsheetInput,
    @Ctx() ctx: Context,
  ) {
    return spreadsheetService.import(ctx, input);
  }
}
