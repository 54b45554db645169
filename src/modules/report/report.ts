import { execute, type GraphQLSchema, parse, validate } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { AppError, badInput, ErrorCode } from '../../graphql/errors.js';
import { COMMITTED_STAGES } from '../investment/investment.figures.js';
import { Region } from '../region/region.entity.js';
import { neutralizeCell } from '../spreadsheet/spreadsheet.export.js';

export type ReportLang = 'zh' | 'en';
export type ReportFormat = 'csv' | 'xlsx';

/** Region codes as the API spells them (slugs): anything else is refused before any read. */
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Everything a report shows, read with one GraphQL document against the API's own schema and the
 * caller's context: the figures are the API's, with its privacy rules, and cannot drift from them.
 * `$scope` is the region and every region below it (a town, a district's towns, a city's towns).
 */
export const REPORT_QUERY = `query Report($code: String!, $scope: RegionWhere!, $committed: [InvestmentStage!]!, $locale: Locale!, $after: String) {
  region(code: $code) {
    code
    name(locale: $locale)
    stats {
      talents { total resident flexible departed }
      houses { total transferred byStatus { status count } }
      investment { total { amount } attributedToTalents { amount } funded { amount } fundedRate byStage { stage count total { amount } } }
      villages { total specialty themeCount }
      unions { organizations members agricultureRelated { organizations members } }
    }
  }
  byTalent: investmentGroups(groupBy: [ATTRIBUTED_TO], orderBy: AMOUNT, first: 100, after: $after,
    where: { stage: { in: $committed }, attributedTo: { id: { isNull: false } }, project: { town: $scope } }) {
    nodes { count amount { sum } key { attributedTo { displayName } } }
    pageInfo { hasNextPage endCursor }
  }
  themes(first: 12) { nodes { code name(locale: $locale) villages(where: { town: $scope }) { totalCount } } }
  enumLabels(enums: ["HouseStatus", "InvestmentStage"], locale: $locale) { enum value label }
}`;

/** The region and every region below it, as a RegionWhere (regions are at most city > district > town). */
const scopeOf = (code: string) => ({
  or: [
    { code: { eq: code } },
    { parent: { code: { eq: code } } },
    { parent: { parent: { code: { eq: code } } } },
  ],
});

// biome-ignore lint/suspicious/noExplicitAny: the shape of REPORT_QUERY's answer
type Data = any;

/** The answer of REPORT_QUERY for a region, every page of the talents' groups included. */
export async function reportData(ctx: Context, schema: GraphQLSchema, code: string, lang: ReportLang) {
  const document = parse(REPORT_QUERY);
  const invalid = validate(schema, document);
  if (invalid.length) throw new Error(`report query: ${invalid[0]!.message}`);
  const variables = {
    code,
    scope: scopeOf(code),
    committed: COMMITTED_STAGES,
    locale: lang === 'en' ? 'EN' : 'ZH',
    after: null as string | null,
  };
  let data: Data;
  const talents: Data[] = [];
  for (;;) {
    const result = await execute({ schema, document, variableValues: variables, contextValue: ctx });
    if (result.errors?.length) throw result.errors[0];
    data ??= result.data;
    talents.push(...(result.data as Data).byTalent.nodes);
    if (!(result.data as Data).byTalent.pageInfo.hasNextPage) break;
    variables.after = (result.data as Data).byTalent.pageInfo.endCursor;
  }
  return { ...data, talents } as Data;
}

/**
 * Who may read a region's report: a signed-in account; an official only within the region they
 * govern (and below), as for imports. NOT_FOUND for an unknown region, FORBIDDEN outside it.
 */
export async function checkReportAccess(ctx: Context, code: unknown): Promise<Region> {
  if (typeof code !== 'string' || !CODE.test(code))
    throw badInput('region must be a region code such as "dashuibo"', { field: 'region' });
  const viewer = ctx.viewer;
  if (viewer.kind !== 'user') throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to read a report');
  const region = await ctx.em.fork().findOne(Region, { code });
  if (!region) throw new AppError(ErrorCode.NOT_FOUND, `No region with code "${code}"`);
  if (viewer.role !== 'ADMIN') {
    const ids = viewer.role === 'OFFICIAL' ? viewer.regionIds : [];
    if (!ids.includes(region.id))
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `You may not read the report of ${region.code}: it is outside the region you govern`,
      );
  }
  return region;
}

const T = {
  zh: {
    title: '报告',
    date: '日期',
    figure: '指标',
    value: '数值',
    status: '状态',
    stage: '阶段',
    count: '数量',
    houses: '农房',
    amount: '金额（元）',
    talent: '人才',
    investments: '投资笔数',
    theme: '主题',
    villages: '村庄数',
    sheets: ['总览', '农房状态', '投资阶段', '以才引资', '主题村庄', '工会'],
    headline: {
      talents: '人才总数',
      resident: '扎根人才',
      flexible: '柔性人才',
      departed: '已离开人才',
      houses: '农房总数',
      transferred: '改建流转农房',
      signed: '签约资金（元）',
      attributed: '以才引资（元）',
      funded: '到资（元）',
      fundedRate: '到资率',
      villages: '村庄总数',
      specialty: '特色村',
      themeCount: '主题数',
      unionOrgs: '工会组织',
      unionMembers: '工会会员',
      agriOrgs: '涉农工会组织',
      agriMembers: '涉农工会会员',
    },
    unions: { all: '全部工会', agri: '涉农工会', orgs: '组织数', members: '会员数', kind: '类别' },
  },
  en: {
    title: 'Report',
    date: 'Date',
    figure: 'Figure',
    value: 'Value',
    status: 'Status',
    stage: 'Stage',
    count: 'Count',
    houses: 'Houses',
    amount: 'Amount (CNY)',
    talent: 'Talent',
    investments: 'Investments',
    theme: 'Theme',
    villages: 'Villages',
    sheets: [
      'Headline figures',
      'Houses by status',
      'Investment by stage',
      'Investment by talent',
      'Villages by theme',
      'Unions',
    ],
    headline: {
      talents: 'Talents',
      resident: 'Resident talents',
      flexible: 'Flexible talents',
      departed: 'Departed talents',
      houses: 'Houses',
      transferred: 'Houses renovated and transferred',
      signed: 'Signed capital (CNY)',
      attributed: 'Capital attributed to talents (CNY)',
      funded: 'Funded capital (CNY)',
      fundedRate: 'Funded rate',
      villages: 'Villages',
      specialty: 'Specialty villages',
      themeCount: 'Themes',
      unionOrgs: 'Union organisations',
      unionMembers: 'Union members',
      agriOrgs: 'Agriculture-related union organisations',
      agriMembers: 'Agriculture-related union members',
    },
    unions: {
      all: 'All unions',
      agri: 'Agriculture-related',
      orgs: 'Organisations',
      members: 'Members',
      kind: 'Kind',
    },
  },
} as const;

/** One section of a report: a sheet (or a block of the CSV). `money`: columns holding amounts. */
export interface Section {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
  money: number[];
}

const num = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

/** The sections of a report from the API's answer, with headers and labels in `lang`. */
export function reportSections(data: Data, lang: ReportLang): Section[] {
  const t = T[lang];
  const s = data.region.stats;
  const label = (enumName: string, value: string) =>
    data.enumLabels.find((l: Data) => l.enum === enumName && l.value === value)?.label ?? value;
  const h = t.headline;
  return [
    {
      name: t.sheets[0],
      header: [t.figure, t.value],
      money: [],
      rows: [
        [h.talents, s.talents.total],
        [h.resident, s.talents.resident],
        [h.flexible, s.talents.flexible],
        [h.departed, s.talents.departed],
        [h.houses, s.houses.total],
        [h.transferred, s.houses.transferred],
        [h.signed, num(s.investment.total.amount)],
        [h.attributed, num(s.investment.attributedToTalents.amount)],
        [h.funded, num(s.investment.funded.amount)],
        [h.fundedRate, s.investment.fundedRate],
        [h.villages, s.villages.total],
        [h.specialty, s.villages.specialty],
        [h.themeCount, s.villages.themeCount],
        [h.unionOrgs, s.unions.organizations],
        [h.unionMembers, s.unions.members],
        [h.agriOrgs, s.unions.agricultureRelated.organizations],
        [h.agriMembers, s.unions.agricultureRelated.members],
      ],
    },
    {
      name: t.sheets[1],
      header: [t.status, t.houses],
      money: [],
      rows: s.houses.byStatus.map((b: Data) => [label('HouseStatus', b.status), b.count]),
    },
    {
      name: t.sheets[2],
      header: [t.stage, t.count, t.amount],
      money: [2],
      rows: s.investment.byStage.map((b: Data) => [
        label('InvestmentStage', b.stage),
        b.count,
        num(b.total.amount),
      ]),
    },
    {
      name: t.sheets[3],
      header: [t.talent, t.investments, t.amount],
      money: [2],
      rows: data.talents.map((g: Data) => [
        neutralizeCell(g.key.attributedTo?.displayName ?? '') as string,
        g.count,
        num(g.amount.sum) ?? 0,
      ]),
    },
    {
      name: t.sheets[4],
      header: [t.theme, t.villages],
      money: [],
      rows: data.themes.nodes.map((n: Data) => [n.name, n.villages.totalCount]),
    },
    {
      name: t.sheets[5],
      header: [t.unions.kind, t.unions.orgs, t.unions.members],
      money: [],
      rows: [
        [t.unions.all, s.unions.organizations, s.unions.members],
        [t.unions.agri, s.unions.agricultureRelated.organizations, s.unions.agricultureRelated.members],
      ],
    },
  ];
}

/** Today's date in China (Asia/Shanghai, where the regions are), YYYY-MM-DD: the report's date and part of its file name. */
export const reportDate = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

/** `report-<region-code>-<YYYY-MM-DD>.<format>`. */
export const reportFileName = (code: string, format: ReportFormat, now = new Date()) =>
  `report-${code}-${reportDate(now)}.${format}`;

/**
 * A region's report as a file: XLSX (a sheet per section, a title row with the region and date, a
 * frozen header row, amounts as numbers with a number format) or CSV (UTF-8 with a BOM; the
 * sections one after another, each after its title line, separated by an empty line).
 */
export async function buildReport(
  ctx: Context,
  schema: GraphQLSchema,
  options: { region: unknown; lang: unknown; format: unknown; now?: Date },
): Promise<{ fileName: string; data: Buffer; format: ReportFormat }> {
  if (options.lang !== 'zh' && options.lang !== 'en')
    throw badInput('lang must be zh or en', { field: 'lang' });
  if (options.format !== 'csv' && options.format !== 'xlsx')
    throw badInput('format must be csv or xlsx', { field: 'format' });
  const lang: ReportLang = options.lang;
  const format: ReportFormat = options.format;
  const region = await checkReportAccess(ctx, options.region);
  const data = await reportData(ctx, schema, region.code, lang);
  const sections = reportSections(data, lang);
  const date = reportDate(options.now);
  const title = `${data.region.name} ${T[lang].title} ${date}`;
  const fileName = reportFileName(region.code, format, options.now);
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify/sync');
    const blocks = sections.map((s) => stringify([[`${title} — ${s.name}`], s.header, ...s.rows]));
    return { fileName, format, data: Buffer.from(`\ufeff${blocks.join('\n')}`, 'utf8') };
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const section of sections) {
    const sheet = workbook.addWorksheet(section.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.addRow(section.header).font = { bold: true };
    for (const row of section.rows) sheet.addRow(row);
    section.header.forEach((_, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = i === 0 ? 32 : 18;
      if (section.money.includes(i)) column.numFmt = '#,##0.00';
    });
  }
  return { fileName, format, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
