import { Field, InputType, Int } from 'type-graphql';
import { labelEnum } from '../../db/enum.js';
import { registerEnum } from '../../graphql/filters.js';
import { ObjectType } from '../../graphql/object-type.js';
import { UserError } from '../../graphql/payload.js';
import { InputField } from '../../graphql/write/inputs.js';

export enum SpreadsheetKind {
  TALENTS = 'talents',
  HOUSES = 'houses',
  LEASES = 'leases',
  INVESTMENTS = 'investments',
}
labelEnum(SpreadsheetKind, {
  TALENTS: ['Talents', '人才'],
  HOUSES: ['Rural houses', '农房'],
  LEASES: ['Leases', '农房流转'],
  INVESTMENTS: ['Investments', '投资'],
});
registerEnum(SpreadsheetKind, { name: 'SpreadsheetKind', description: 'What a spreadsheet holds.' });

export enum SpreadsheetFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
}
labelEnum(SpreadsheetFormat, {
  CSV: ['CSV file (UTF-8)', 'CSV 文件（UTF-8）'],
  XLSX: ['Excel workbook (XLSX)', 'Excel 工作簿（XLSX）'],
});
registerEnum(SpreadsheetFormat, { name: 'SpreadsheetFormat', description: 'A spreadsheet file format.' });

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

@InputType({ description: 'A spreadsheet to import, all or nothing.' })
export class ImportSpreadsheetInput {
  @InputField(() => SpreadsheetKind, 'What the rows are.', { required: true })
  kind: SpreadsheetKind;
  @InputField(() => SpreadsheetFormat, 'File format.', { required: true })
  format: SpreadsheetFormat;
  @InputField(
    () => String,
    `The file, base64-encoded; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB once decoded.`,
    { required: true },
  )
  contentBase64: string;
  @InputField(
    () => String,
    'Code of the region the rows belong to (a town, or a district for several towns).',
    { required: true },
  )
  regionCode: string;
  @InputField(() => Boolean, 'Check everything and report, but write nothing.')
  dryRun?: boolean | null;
}

@ObjectType({ description: 'Why a row of a spreadsheet was refused.' })
export class RowError {
  @Field(() => Int, { description: 'Row number as the spreadsheet shows it (the header is row 1).' })
  row: number;

  @Field(() => String, { nullable: true, description: 'Column header, as in the file.' })
  column: string | null;

  @Field(() => String, { description: 'What is wrong.' })
  message: string;
}

@ObjectType({
  description:
    'Result of an import: counts when written, every bad row when refused (then nothing was written).',
})
export class ImportSpreadsheetPayload {
  @Field(() => Int, { description: 'Data rows in the file.' })
  rows: number;
  @Field(() => Int, { description: 'Objects created.' })
  created: number;
  @Field(() => Int, { description: 'Objects changed.' })
  updated: number;
  @Field(() => Int, { description: 'Rows that matched an object with the same values (nothing to do).' })
  unchanged: number;
  @Field(() => Boolean, { description: 'Nothing was written because dryRun was asked.' })
  dryRun: boolean;
  @Field(() => [RowError], { description: 'Every bad row; when there is any, nothing was written.' })
  rowErrors: RowError[];
  @Field(() => [UserError], {
    description: 'Problems with the input itself (file too large, unknown region).',
  })
  userErrors: UserError[];
}
