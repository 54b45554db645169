/**
 * The page's language: ZH or EN, kept in localStorage, sent to the API as the `locale` variable of
 * every operation and as Accept-Language. The API translates names and descriptions; the words of
 * the pages themselves and the labels of enum values are here.
 */
import type {
  Degree,
  HouseStatus,
  Locale,
  ParticipantRole,
  ProjectKind,
  ProjectStatus,
  Settlement,
} from './generated/graphql';

const STORAGE_KEY = 'showcase.locale';
const listeners = new Set<() => void>();

function initial(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ZH' || stored === 'EN') return stored;
  } catch {
    // Storage may be off (private mode): the language then lasts as long as the page.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'ZH' : 'EN';
}

let current: Locale = initial();

/** The language the pages are in now. */
export const locale = (): Locale => current;

/** The Accept-Language header for the current language. */
export const acceptLanguage = (): string => (current === 'EN' ? 'en' : 'zh-CN');

/** Switches the language and tells the listeners (the router re-renders the page). */
export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // See initial().
  }
  for (const listener of listeners) listener();
}

/** Calls `listener` after each language switch. */
export function onLocaleChange(listener: () => void): void {
  listeners.add(listener);
}

const words = {
  siteTitle: { ZH: '大水泊特色村', EN: 'Dashuibo specialty villages' },
  themes: { ZH: '主题', EN: 'Themes' },
  villages: { ZH: '村庄', EN: 'Villages' },
  map: { ZH: '地图', EN: 'Map' },
  dashboard: { ZH: '数据看板', EN: 'Dashboard' },
  loading: { ZH: '加载中…', EN: 'Loading…' },
  themesIntro: {
    ZH: '大水泊镇的特色村按主题分类。选择一个主题，看看它的村庄、闲置农房和项目。',
    EN: "Dashuibo's specialty villages by theme. Pick a theme to see its villages, the houses free to rent and the projects.",
  },
  villageCount: { ZH: '{n} 个村庄', EN: ['{n} village', '{n} villages'] },
  allVillagesIntro: { ZH: '全镇所有村庄，每页 {n} 个。', EN: 'Every village of the town, {n} a page.' },
  villagesTotal: { ZH: '共 {n} 个村庄', EN: ['{n} village in all', '{n} villages in all'] },
  next: { ZH: '下一页', EN: 'Next page' },
  previous: { ZH: '上一页', EN: 'Previous page' },
  firstPage: { ZH: '第一页', EN: 'First page' },
  freeHouseCount: { ZH: '{n} 套农房可租', EN: ['{n} house free to rent', '{n} houses free to rent'] },
  projectCount: { ZH: '{n} 个项目', EN: ['{n} project', '{n} projects'] },
  specialty: { ZH: '特色村', EN: 'Specialty village' },
  coverPending: { ZH: '暂无封面图片', EN: 'No cover picture yet' },
  freeHouses: { ZH: '可租农房', EN: 'Houses free to rent' },
  noFreeHouses: { ZH: '目前没有可租的农房。', EN: 'No house is free to rent right now.' },
  address: { ZH: '地址', EN: 'Address' },
  floorArea: { ZH: '面积', EN: 'Floor area' },
  status: { ZH: '状态', EN: 'Status' },
  projects: { ZH: '项目', EN: 'Projects' },
  noProjects: { ZH: '暂无项目。', EN: 'No project yet.' },
  investment: { ZH: '签约投资', EN: 'Signed investment' },
  talentsBehind: { ZH: '参与人才', EN: 'Talents behind it' },
  noTalents: { ZH: '暂无公开的参与人才。', EN: 'No talent with a public profile.' },
  seeOnMap: { ZH: '在地图上查看', EN: 'See on the map' },
  town: { ZH: '所在镇', EN: 'Town' },
  talentProfile: { ZH: '人才档案', EN: 'Talent profile' },
  title: { ZH: '职称', EN: 'Title' },
  field: { ZH: '领域', EN: 'Field' },
  degree: { ZH: '学历', EN: 'Degree' },
  settlement: { ZH: '类型', EN: 'Settlement' },
  arrivedOn: { ZH: '到镇日期', EN: 'Arrived on' },
  affiliation: { ZH: '所属单位', EN: 'Affiliation' },
  attributedInvestment: { ZH: '带来的投资', EN: 'Investment attributed' },
  projectRoles: { ZH: '参与的项目', EN: 'Projects' },
  mapIntro: {
    ZH: '{n} 个特色村，位置来自 API 的 GeoJSON，本页绘制为 SVG，不加载任何地图瓦片。',
    EN: '{n} specialty villages, placed from the API’s GeoJSON and drawn as SVG: no map tiles are loaded.',
  },
  scale: { ZH: '{n} 公里', EN: '{n} km' },
  dashboardTitle: { ZH: '{town}数据看板', EN: '{town} at a glance' },
  talents: { ZH: '人才', EN: 'Talents' },
  total: { ZH: '总数', EN: 'Total' },
  resident: { ZH: '扎根', EN: 'Resident' },
  flexible: { ZH: '柔性', EN: 'Flexible' },
  departed: { ZH: '已离开', EN: 'Departed' },
  houses: { ZH: '农房', EN: 'Houses' },
  transferred: { ZH: '已流转', EN: 'Transferred' },
  specialtyVillages: { ZH: '特色村', EN: 'Specialty' },
  themeCount: { ZH: '主题数', EN: 'Themes' },
  signedTotal: { ZH: '签约投资', EN: 'Signed' },
  attributedToTalents: { ZH: '人才带来', EN: 'Attributed to talents' },
  unions: { ZH: '工会', EN: 'Unions' },
  organizations: { ZH: '组织', EN: 'Organisations' },
  members: { ZH: '会员', EN: 'Members' },
  liveStatus: {
    ZH: '实时：每 {n} 秒刷新，最近更新 {time}',
    EN: 'Live: refreshed every {n} s, last update {time}',
  },
  notFound: { ZH: '找不到这个页面。', EN: 'This page does not exist.' },
  villageNotFound: { ZH: '找不到村庄“{slug}”。', EN: 'No village “{slug}”.' },
  themeNotFound: { ZH: '找不到主题“{code}”。', EN: 'No theme “{code}”.' },
  talentNotFound: {
    ZH: '找不到这位人才，或其档案未公开。',
    EN: 'No such talent, or the profile is not public.',
  },
  apiUnreachable: {
    ZH: '无法连接 API（{url}）。请确认 API 正在运行，且 CORS_ORIGINS 包含本页的来源 {origin}。',
    EN: 'Could not reach the API at {url}. Is it running, and does CORS_ORIGINS list this page’s origin {origin}?',
  },
  apiError: { ZH: 'API 返回错误：{message}', EN: 'The API answered with an error: {message}' },
  builtOn: {
    ZH: '本站只使用公开的 GraphQL API：',
    EN: 'This site uses only the public GraphQL API:',
  },
} as const satisfies Record<string, Record<Locale, string | readonly [one: string, other: string]>>;

export type Word = keyof typeof words;

/**
 * The word in the current language, `{name}` replaced by `values.name`. A word with two forms
 * (English nouns) takes the first when `values.n` is 1.
 */
export function t(word: Word, values: Record<string, string | number> = {}): string {
  const forms: string | readonly string[] = words[word][current];
  const text = typeof forms === 'string' ? forms : forms[values.n === 1 ? 0 : 1]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

type Labels<E extends string> = Record<E, Record<Locale, string>>;

const houseStatus: Labels<HouseStatus> = {
  IDLE: { ZH: '闲置可租', EN: 'Free to rent' },
  TRANSFERRED: { ZH: '已流转', EN: 'Transferred' },
  RENOVATING: { ZH: '改建中', EN: 'Being renovated' },
  RENOVATED: { ZH: '已改建', EN: 'Renovated' },
  IN_USE: { ZH: '已投用', EN: 'In use' },
};
const participantRole: Labels<ParticipantRole> = {
  FOUNDER: { ZH: '创始人', EN: 'Founder' },
  LEAD: { ZH: '负责人', EN: 'Lead' },
  MEMBER: { ZH: '成员', EN: 'Member' },
  ADVISOR: { ZH: '顾问', EN: 'Advisor' },
};
const projectKind: Labels<ProjectKind> = {
  AGRICULTURE: { ZH: '农业', EN: 'Agriculture' },
  COLLEGE: { ZH: '学院', EN: 'College' },
  DESIGN_STUDIO: { ZH: '设计工作室', EN: 'Design studio' },
  HOMESTAY: { ZH: '民宿', EN: 'Homestay' },
  OTHER: { ZH: '其他', EN: 'Other' },
  PASTORAL_COMPLEX: { ZH: '田园综合体', EN: 'Pastoral complex' },
  SCHOOL: { ZH: '学校', EN: 'School' },
  STUDIO: { ZH: '工作室', EN: 'Studio' },
  WORKSTATION: { ZH: '工作站', EN: 'Workstation' },
};
const projectStatus: Labels<ProjectStatus> = {
  PLANNED: { ZH: '规划中', EN: 'Planned' },
  UNDER_CONSTRUCTION: { ZH: '建设中', EN: 'Under construction' },
  OPERATING: { ZH: '运营中', EN: 'Operating' },
  SUSPENDED: { ZH: '暂停', EN: 'Suspended' },
  CLOSED: { ZH: '已关闭', EN: 'Closed' },
};
const settlement: Labels<Settlement> = {
  RESIDENT: { ZH: '扎根人才', EN: 'Resident' },
  FLEXIBLE: { ZH: '柔性人才', EN: 'Flexible' },
  DEPARTED: { ZH: '已离开', EN: 'Departed' },
};
const degree: Labels<Degree> = {
  BACHELOR: { ZH: '学士', EN: "Bachelor's" },
  MASTER: { ZH: '硕士', EN: "Master's" },
  DOCTORATE: { ZH: '博士', EN: 'Doctorate' },
  OTHER: { ZH: '其他', EN: 'Other' },
};

/**
 * Labels of enum values in the current language, in the site's own wording for visitors ("Free to
 * rent" where the API's label says "Idle"). The API's labels are one `enumLabels(enums:, locale:)`
 * query away; a site happy with them needs no table here. A value the page does not know yet is
 * shown as it is.
 */
export const label = {
  houseStatus: (v: HouseStatus) => houseStatus[v]?.[current] ?? v,
  participantRole: (v: ParticipantRole) => participantRole[v]?.[current] ?? v,
  projectKind: (v: ProjectKind) => projectKind[v]?.[current] ?? v,
  projectStatus: (v: ProjectStatus) => projectStatus[v]?.[current] ?? v,
  settlement: (v: Settlement) => settlement[v]?.[current] ?? v,
  degree: (v: Degree) => degree[v]?.[current] ?? v,
};
