import { stringify } from 'csv-stringify/sync';
import { coerceInputValue, type GraphQLSchema, isInputObjectType } from 'graphql';
import { findById, loadPages, MAX_PAGE_SIZE, type Page } from '../../data/query.js';
import type { Row, TableSpec } from '../../data/table.js';
import { checkWhere } from '../../data/where-limits.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { checkRawInput } from '../../graphql/input-checks.js';
import { houseTable, leaseTable } from '../house/house.service.js';
import { investmentTable } from '../investment/investment.service.js';
import { organizationTable } from '../organization/organization.service.js';
import { projectTable } from '../project/project.service.js';
import { regionTable } from '../region/region.service.js';
import { talentTable } from '../talent/talent.service.js';
import { themeTable } from '../theme/theme.service.js';
import { unionMembershipTable, unionOrganizationTable } from '../union/union.service.js';
import { villageTable } from '../village/village.service.js';
import { COLUMNS, type Column, type SheetKind } from './spreadsheet.columns.js';
import type { SheetFormat } from './spreadsheet.parse.js';

export type Lang = 'zh' | 'en';

/** Lists that can be exported, by their name in the API. */
export const EXPORTABLE: Record<string, TableSpec> = {
  talents: talentTable,
  ruralHouses: houseTable,
  leases: leaseTable,
  investments: investmentTable,
  villages: villageTable,
  projects: projectTable,
  organizations: organizationTable,
  unionOrganizations: unionOrganizationTable,
  unionMemberships: unionMembershipTable,
  regions: regionTable,
  themes: themeTable,
};

/** Whether `list` names an exportable list (an own key: never `__proto__` or `constructor`). */
export const isExportable = (list: string) => Object.hasOwn(EXPORTABLE, list);

/**
 * A cell as a spreadsheet program must show it: text beginning with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (CSV injection), so it gets a leading `'`, as OWASP
 * recommends; Excel shows the text as it is. Numbers stay numbers.
 */
export function neutralizeCell(value: unknown): unknown {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || NUMBER.test(value)) return value;
  return `'${value}`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as a longitude (-122.4): no formula, and it must stay a number. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The `where` of an export (JSON from the URL) checked as the API checks a list's `where`: the same
 * input type (`VillageWhere`, …: its fields, enums, dates, decimals, lists), NUL characters and
 * nesting, and the same size limits. BAD_USER_INPUT naming the field otherwise.
 */
async function checkedWhere(
  ctx: Context,
  schema: GraphQLSchema,
  spec: TableSpec,
  where: unknown,
): Promise<unknown> {
  if (where === undefined || where === null) return undefined;
  checkRawInput(where, 'where');
  const type = schema.getType(`${spec.type}Where`);
  if (!isInputObjectType(type)) throw new Error(`no input type ${spec.type}Where`);
  const coerced = coerceInputValue(where, type, (path, _value, error) => {
    const field = ['where', ...path]
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p))
      .join('');
    throw badInput(`${field}: ${error.message}`, { field });
  });
  checkWhere(coerced, ctx.limits.where);
  return coerced;
}

/** Lists exported with the import columns (so an export can be edited and imported again). */
const SHEET_OF: Record<string, SheetKind> = {
  talents: 'talents',
  ruralHouses: 'houses',
  leases: 'leases',
  investments: 'investments',
};

const label = (column: Column, value: unknown, lang: Lang) => {
  if (value === null || value === undefined) return '';
  if (column.type === 'enum' && lang === 'zh') return column.zhLabels?.[String(value)] ?? String(value);
  if (column.type === 'bool') return value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  return value;
};

const nameIn = (row: Row | null, lang: Lang) =>
  row ? ((lang === 'en' ? row.nameEn : row.nameZh) ?? row.nameZh ?? row.displayName ?? '') : '';

/** The cells of one row of a sheet kind, following references for names. */
async function sheetRow(
  ctx: Context,
  kind: SheetKind,
  row: Row,
  lang: Lang,
): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'talents':
      return { ...row, town: (await findById(ctx, regionTable, row.townId as string, 'export'))?.code };
    case 'houses':
      return {
        ...row,
        village: nameIn(await findById(ctx, villageTable, row.villageId as string, 'export'), lang),
      };
    case 'leases': {
      const house = await findById(ctx, houseTable, row.houseId as string, 'export');
      const village = house ? await findById(ctx, villageTable, house.villageId, 'export') : null;
      const [tenantType, spec, id] = row.lesseeTalentId
        ? ['TALENT', talentTable, row.lesseeTalentId]
        : row.lesseeProjectId
          ? ['PROJECT', projectTable, row.lesseeProjectId]
          : ['ORGANIZATION', organizationTable, row.lesseeOrganizationId];
      const tenant = await findById(ctx, spec as TableSpec, id as string, 'export');
      return {
        ...row,
        village: nameIn(village, lang),
        // The house in the sheet's language, as the leases sheet's import finds it.
        address: lang === 'en' ? (house?.addressEn ?? house?.address) : house?.address,
        tenantType,
        tenant: nameIn(tenant, lang),
      };
    }
    case 'investments':
      return {
        ...row,
        project: nameIn(await findById(ctx, projectTable, row.projectId as string, 'export'), lang),
        investor: nameIn(await findById(ctx, organizationTable, row.investorId as string, 'export'), lang),
        attributedTo:
          (await findById(ctx, talentTable, row.attributedTalentId as string, 'export'))?.displayName ?? '',
      };
  }
}

/**
 * A list as a spreadsheet: every row matching `where` (the list's own filter), read page by page
 * through the same read path and the same privacy rules as the API. Chinese or English headers.
 */
export async function exportList(
  ctx: Context,
  list: string,
  /** `schema`: the API's, whose `<Type>Where` input checks `where` (given by the caller: no import cycle). */
  options: { where?: unknown; lang: Lang; format: SheetFormat; schema: GraphQLSchema },
) {
  const spec = isExportable(list) ? EXPORTABLE[list] : undefined;
  if (!spec)
    throw badInput(`"${list}" cannot be exported; one of ${Object.keys(EXPORTABLE).join(', ')}`, {
      field: 'list',
    });
  const kind = SHEET_OF[list];
  const columns: Column[] = kind
    ? COLUMNS[kind]
    : [...spec.columns, ...(spec.privateColumns ?? [])].map((key) => ({
        key,
        en: key,
        zh: key,
        type: 'text' as const,
      }));
  const where = await checkedWhere(ctx, options.schema, spec, options.where);
  const header = columns.map((c) => (options.lang === 'zh' ? c.zh : c.en));
  const body: unknown[][] = [];
  let after: string | null = null;
  for (;;) {
    const pages: Map<string, Page> = await loadPages(
      ctx,
      spec,
      { first: MAX_PAGE_SIZE, after, where },
      { withTotal: false },
    );
    const page = pages.get('');
    // All rows of a page at once, so the names they refer to load in one batch per kind.
    const rows = await Promise.all(
      (page?.rows ?? []).map((row) => (kind ? sheetRow(ctx, kind, row, options.lang) : row)),
    );
    for (const cells of rows)
      body.push(columns.map((c) => neutralizeCell(label(c, cells[c.key], options.lang))));
    if (!page?.hasNextPage) break;
    after = page.cursors.at(-1)!;
  }
  if (options.format === 'csv') {
    // A BOM so Excel opens the UTF-8 (Chinese) text right.
    return Buffer.from(`\ufeff${stringify([header, ...body])}`, 'utf8');
  }
  // Loaded on first use: exceljs is large, and most runs of the API never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(list);
  sheet.addRow(header).font = { bold: true };
  for (const cells of body) sheet.addRow(cells);
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
