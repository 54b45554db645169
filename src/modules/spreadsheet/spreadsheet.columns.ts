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
  /** For enums: accepted spellings (Chinese, English) → value. */
  values?: Record<string, string>;
}

const enumOf = (pairs: [string, string][]) => {
  const out: Record<string, string> = {};
  for (const [value, zh] of pairs) {
    out[value.toLowerCase()] = value;
    out[zh] = value;
  }
  return out;
};

export const SETTLEMENT = enumOf([
  ['RESIDENT', '扎根'],
  ['FLEXIBLE', '柔性'],
  ['DEPARTED', '离开'],
]);
export const DEGREE = enumOf([
  ['DOCTORATE', '博士'],
  ['MASTER', '硕士'],
  ['BACHELOR', '学士'],
  ['OTHER', '其他'],
]);
export const HOUSE_STATUS = enumOf([
  ['IDLE', '闲置'],
  ['TRANSFERRED', '已流转'],
  ['RENOVATING', '改建中'],
  ['RENOVATED', '已改建'],
  ['IN_USE', '已投用'],
]);
export const HOUSE_USE = enumOf([
  ['HOMESTAY', '民宿'],
  ['STUDIO', '工作室'],
  ['OFFICE', '办公'],
  ['RESIDENCE', '居住'],
  ['CLASSROOM', '教室'],
  ['CATERING', '餐饮'],
  ['EXHIBITION', '展览'],
  ['OTHER', '其他'],
]);
export const LEASE_MODE = enumOf([
  ['LEASE', '出租'],
  ['SHARE', '入股'],
  ['COOPERATION', '合作'],
  ['SELF_RUN', '自营'],
]);
export const TENANT_TYPE = enumOf([
  ['TALENT', '人才'],
  ['PROJECT', '项目'],
  ['ORGANIZATION', '机构'],
]);
export const STAGE = enumOf([
  ['PROMOTION', '推介'],
  ['NEGOTIATION', '在谈'],
  ['SIGNED', '签约'],
  ['CONSTRUCTION', '开工'],
  ['FUNDED', '到资'],
  ['PRODUCTION', '投产'],
]);
export const INVESTMENT_KIND = enumOf([
  ['INITIAL', '首次投资'],
  ['ADDITIONAL', '增资'],
]);

/** Columns of each kind, in export order. Headers are matched ignoring case and surrounding spaces. */
export const COLUMNS: Record<SheetKind, Column[]> = {
  talents: [
    { key: 'town', en: 'Town', zh: '镇', type: 'text' },
    { key: 'displayName', en: 'Display name', zh: '公开名', type: 'text', required: true },
    { key: 'fullName', en: 'Full name', zh: '姓名', type: 'text', required: true },
    { key: 'settlement', en: 'Settlement', zh: '落户方式', type: 'enum', values: SETTLEMENT, required: true },
    { key: 'degree', en: 'Degree', zh: '学历', type: 'enum', values: DEGREE },
    { key: 'title', en: 'Title', zh: '职称', type: 'text' },
    { key: 'field', en: 'Field', zh: '领域', type: 'text' },
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
    { key: 'floorAreaM2', en: 'Floor area (m2)', zh: '建筑面积', type: 'decimal', required: true },
    { key: 'status', en: 'Status', zh: '状态', type: 'enum', values: HOUSE_STATUS },
    { key: 'currentUse', en: 'Use', zh: '用途', type: 'enum', values: HOUSE_USE },
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
      type: 'enum',
      values: TENANT_TYPE,
      required: true,
    },
    { key: 'tenant', en: 'Tenant', zh: '承租方', type: 'text', required: true },
    { key: 'mode', en: 'Mode', zh: '流转方式', type: 'enum', values: LEASE_MODE, required: true },
    { key: 'startsOn', en: 'Starts on', zh: '起始日期', type: 'date', required: true },
    { key: 'endsOn', en: 'Ends on', zh: '终止日期', type: 'date', required: true },
    { key: 'annualRent', en: 'Annual rent', zh: '年租金', type: 'decimal' },
  ],
  investments: [
    { key: 'project', en: 'Project', zh: '项目', type: 'text', required: true },
    { key: 'investor', en: 'Investor', zh: '投资方', type: 'text', required: true },
    { key: 'attributedTo', en: 'Attributed to', zh: '引进人才', type: 'text' },
    { key: 'kind', en: 'Kind', zh: '类型', type: 'enum', values: INVESTMENT_KIND },
    { key: 'stage', en: 'Stage', zh: '阶段', type: 'enum', values: STAGE },
    { key: 'amount', en: 'Amount (CNY)', zh: '金额', type: 'decimal', required: true },
    { key: 'fundedAmount', en: 'Funded (CNY)', zh: '到资金额', type: 'decimal' },
    { key: 'signedOn', en: 'Signed on', zh: '签约日期', type: 'date' },
    { key: 'fundedOn', en: 'Funded on', zh: '到资日期', type: 'date' },
  ],
};
