import { enumOf, labelsOf } from '../../db/enum.js';
import { HouseStatus, HouseUse, LeaseMode } from '../house/house.entity.js';
import { InvestmentKind, InvestmentStage } from '../investment/investment.entity.js';
import { Degree, Settlement } from '../talent/talent.entity.js';

/** The kinds of objects that move in and out of spreadsheets. */
export type SheetKind = 'talents' | 'houses' | 'leases' | 'investments';
export const SHEET_KINDS: SheetKind[] = ['talents', 'houses', 'leases', 'investments'];

/** One spreadsheet column: its key, its headers in both languages, how a cell is read. */
export interface Column {
  key: string;
  en: string;
  zh: string;
  type: 'text' | 'date' | 'decimal' | 'bool' | 'enum';
  required?: boolean;
  /** For enums: accepted spellings (the value, its Chinese and English labels) → value. */
  values?: Record<string, string>;
  /** For enums: each value's Chinese label, what a Chinese export writes. */
  zhLabels?: Record<string, string>;
}

/**
 * An enum column's cells from the enum's labels (`enumOf`, db/enum.ts): the spellings a cell may
 * hold, each → its value (the value in any case, `in_use`; its Chinese label, `已投用`; its English
 * label in any case, `in use`), and the Chinese label of each value.
 */
function cellsOf(values: object): Pick<Column, 'type' | 'values' | 'zhLabels'> {
  const labels = labelsOf(values);
  if (!labels) throw new Error('a spreadsheet column of an enum without labels');
  const spellings: Record<string, string> = {};
  for (const { value, en, zh } of labels) {
    spellings[value.toLowerCase()] = value;
    spellings[en.toLowerCase()] = value;
    spellings[zh] = value;
  }
  return {
    type: 'enum',
    values: spellings,
    zhLabels: Object.fromEntries(labels.map((l) => [l.value, l.zh])),
  };
}

/** Who holds a leased house: a column of the leases sheet, not an enum of the schema. */
const TenantType = enumOf({
  TALENT: ['Talent', '人才'],
  PROJECT: ['Project', '项目'],
  ORGANIZATION: ['Organisation', '机构'],
});

/** Columns of each kind, in export order. Headers are matched ignoring case and surrounding spaces. */
export const COLUMNS: Record<SheetKind, Column[]> = {
  talents: [
    { key: 'town', en: 'Town', zh: '镇', type: 'text' },
    { key: 'displayName', en: 'Display name', zh: '公开名', type: 'text', required: true },
    { key: 'fullName', en: 'Full name', zh: '姓名', type: 'text', required: true },
    { key: 'settlement', en: 'Settlement', zh: '落户方式', ...cellsOf(Settlement), required: true },
    { key: 'degree', en: 'Degree', zh: '学历', ...cellsOf(Degree) },
    { key: 'title', en: 'Title', zh: '职称', type: 'text' },
    { key: 'titleEn', en: 'Title (English)', zh: '职称（英文）', type: 'text' },
    { key: 'field', en: 'Field', zh: '领域', type: 'text' },
    { key: 'fieldEn', en: 'Field (English)', zh: '领域（英文）', type: 'text' },
    { key: 'originCity', en: 'Origin city', zh: '来源城市', type: 'text' },
    { key: 'arrivedOn', en: 'Arrived on', zh: '到来日期', type: 'date' },
    { key: 'phone', en: 'Phone', zh: '电话', type: 'text' },
    { key: 'email', en: 'E-mail', zh: '邮箱', type: 'text' },
    { key: 'publicProfile', en: 'Public profile', zh: '公开资料', type: 'bool' },
    { key: 'contactConsent', en: 'Contact consent', zh: '同意联系', type: 'bool' },
  ],
  houses: [
    { key: 'village', en: 'Village', zh: '村', type: 'text', required: true },
    { key: 'address', en: 'Address', zh: '地址', type: 'text', required: true },
    { key: 'addressEn', en: 'Address (English)', zh: '地址（英文）', type: 'text' },
    { key: 'floorAreaM2', en: 'Floor area (m2)', zh: '建筑面积', type: 'decimal', required: true },
    { key: 'status', en: 'Status', zh: '状态', ...cellsOf(HouseStatus) },
    { key: 'currentUse', en: 'Use', zh: '用途', ...cellsOf(HouseUse) },
    { key: 'ownerHousehold', en: 'Owner household', zh: '产权户', type: 'text' },
    { key: 'renovatedOn', en: 'Renovated on', zh: '改建日期', type: 'date' },
  ],
  leases: [
    { key: 'village', en: 'Village', zh: '村', type: 'text', required: true },
    { key: 'address', en: 'Address', zh: '地址', type: 'text', required: true },
    {
      key: 'tenantType',
      en: 'Tenant type',
      zh: '承租方类型',
      ...cellsOf(TenantType),
      required: true,
    },
    { key: 'tenant', en: 'Tenant', zh: '承租方', type: 'text', required: true },
    { key: 'mode', en: 'Mode', zh: '流转方式', ...cellsOf(LeaseMode), required: true },
    { key: 'startsOn', en: 'Starts on', zh: '起始日期', type: 'date', required: true },
    { key: 'endsOn', en: 'Ends on', zh: '终止日期', type: 'date', required: true },
    { key: 'annualRent', en: 'Annual rent', zh: '年租金', type: 'decimal' },
  ],
  investments: [
    { key: 'project', en: 'Project', zh: '项目', type: 'text', required: true },
    { key: 'investor', en: 'Investor', zh: '投资方', type: 'text', required: true },
    { key: 'attributedTo', en: 'Attributed to', zh: '引进人才', type: 'text' },
    { key: 'kind', en: 'Kind', zh: '类型', ...cellsOf(InvestmentKind) },
    { key: 'stage', en: 'Stage', zh: '阶段', ...cellsOf(InvestmentStage) },
    { key: 'amount', en: 'Amount (CNY)', zh: '金额', type: 'decimal', required: true },
    { key: 'fundedAmount', en: 'Funded (CNY)', zh: '到资金额', type: 'decimal' },
    { key: 'signedOn', en: 'Signed on', zh: '签约日期', type: 'date' },
    { key: 'fundedOn', en: 'Funded on', zh: '到资日期', type: 'date' },
  ],
};
