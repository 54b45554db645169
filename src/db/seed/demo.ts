import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, addYears } from '../../lib/dates.js';
import {
  type HouseStatus,
  type HouseUse,
  Lease,
  type LeaseMode,
  RuralHouse,
} from '../../modules/house/house.entity.js';
import { seedDemoImages } from '../../modules/image/image.seed.js';
import {
  Investment,
  InvestmentKind,
  type InvestmentStage,
} from '../../modules/investment/investment.entity.js';
import { Organization, type OrganizationKind } from '../../modules/organization/organization.entity.js';
import {
  type ParticipantRole,
  PartnerRole,
  Project,
  type ProjectKind,
  ProjectParticipant,
  ProjectPartner,
  type ProjectStatus,
} from '../../modules/project/project.entity.js';
import { Region, type RegionKind } from '../../modules/region/region.entity.js';
import { slugOf, uniqueSlug } from '../../modules/slug/slug.js';
import { type Degree, type Settlement, Talent, type TalentTier } from '../../modules/talent/talent.entity.js';
import { Theme } from '../../modules/theme/theme.entity.js';
import {
  UnionFacility,
  type UnionKind,
  UnionMembership,
  UnionOrganization,
  type UnionRole,
} from '../../modules/union/union.entity.js';
import { Village } from '../../modules/village/village.entity.js';
import * as D from './demo-data.js';
import { demoId, seededRandom } from './random.js';

/** What the demo dataset holds, for logs and tests. */
export interface DemoSummary {
  talents: number;
  villages: number;
  houses: number;
  unions: number;
  investments: number;
}

/**
 * Loads the demo dataset: the document's facts (regions, the joint union and its 7 branches with the
 * chair elected on 11 March, the five named projects, the citywide union figures) and generated data
 * around them (marked `isDemo`). Deterministic: same ids and values on every run.
 */
export async function seedDemo(em: EntityManager): Promise<DemoSummary> {
  const rnd = seededRandom(20210426);
  const ref = <T extends { id: string }>(entity: new () => T, key: string) =>
    em.getReference(entity, demoId(key));

  // Regions
  for (const r of D.REGIONS) {
    em.create(Region, {
      id: demoId(`region:${r.code}`),
      code: r.code,
      kind: r.kind as RegionKind,
      parent: r.parent ? ref(Region, `region:${r.parent}`) : undefined,
      nameZh: r.zh,
      nameEn: r.en,
      descriptionZh: 'descriptionZh' in r ? r.descriptionZh : undefined,
      descriptionEn: 'descriptionEn' in r ? r.descriptionEn : undefined,
    });
  }
  const dashuibo = ref(Region, 'region:dashuibo');

  // Themes
  D.THEMES.forEach(([code, zh, en], i) => {
    em.create(Theme, {
      id: demoId(`theme:${code}`),
      code,
      position: i + 1,
      nameZh: zh,
      nameEn: en,
      descriptionZh: `以“${zh}”为主题的特色村`,
      descriptionEn: `Specialty villages themed on ${en.toLowerCase()}`,
    });
  });

  // Villages: 20 specialty villages cover all 12 themes, the first eight also carry a second one.
  const villageThemes: string[][] = [];
  D.VILLAGES.forEach(([zh, en], i) => {
    const specialty = i < D.SPECIALTY_VILLAGES;
    const themes = specialty ? [D.THEMES[i % 12]![0]] : [];
    if (specialty && i >= 12) themes.push(D.THEMES[(i * 5) % 12]![0]);
    const unique = [...new Set(themes)];
    villageThemes.push(unique);
    const themeNames = unique.map((c) => D.THEMES.find((t) => t[0] === c)!);
    const village = em.create(Village, {
      id: demoId(`village:${en}`),
      town: dashuibo,
      nameZh: zh,
      nameEn: `${en} Village`,
      descriptionZh: specialty
        ? `大水泊镇“${themeNames.map((t) => t[1]).join('、')}”主题特色村。`
        : `大水泊镇${zh}。`,
      descriptionEn: specialty
        ? `A Dashuibo specialty village themed on ${themeNames.map((t) => t[2].toLowerCase()).join(' and ')}.`
        : `${en} Village, Dashuibo.`,
      isSpecialty: specialty,
      lat: (37.06 + rnd.next() * 0.1).toFixed(6),
      lng: (122.12 + rnd.next() * 0.14).toFixed(6),
      photos: [`https://example.org/demo/villages/${en.toLowerCase()}.jpg`],
    });
    for (const code of unique) village.themes.add(ref(Theme, `theme:${code}`));
  });

  // Organisations
  const org = (key: string, zh: string, en: string, kind: string, region: string | null, isDemo: boolean) =>
    em.create(Organization, {
      id: demoId(`org:${key}`),
      kind: kind as OrganizationKind,
      region: region ? ref(Region, `region:${region}`) : undefined,
      nameZh: zh,
      nameEn: en,
      isDemo,
    });
  org('tsinghua', '清华大学', 'Tsinghua University', 'UNIVERSITY', null, false).website =
    'https://www.tsinghua.edu.cn';
  org('dashuibo-gov', '文登区大水泊镇人民政府', 'Dashuibo Town Government', 'PUBLIC_BODY', 'dashuibo', false);
  org(
    'yulongqi',
    '威海御龙旗西洋参专业合作社',
    'Weihai Yulongqi Ginseng Co-operative',
    'COOPERATIVE',
    'wendeng',
    false,
  );
  org(
    'dingxin',
    '威海鼎欣果蔬专业合作社',
    'Weihai Dingxin Fruit and Vegetable Co-operative',
    'COOPERATIVE',
    'wendeng',
    false,
  );
  org('borui', '伯瑞蓝莓', 'Borui Blueberry', 'COMPANY', 'rushan', false);
  D.DEMO_INVESTORS.forEach(([zh, en, kind], i) => {
    org(`investor:${i}`, zh, en, kind, i % 2 ? 'weihai' : null, true);
  });

  // Talents: Li Lin and Li Jiutai as the document names them; the rest generated.
  const talentKeys: string[] = [];
  const talent = (key: string, data: Partial<Talent> & { displayName: string; settlement: Settlement }) => {
    talentKeys.push(key);
    return em.create(Talent, {
      id: demoId(`talent:${key}`),
      town: dashuibo,
      fullName: data.displayName,
      publicProfile: true,
      ...data,
    });
  };
  talent('li-lin', {
    displayName: '李林',
    degree: 'DOCTORATE' as Degree,
    title: '博士',
    titleEn: 'PhD',
    originCity: '北京',
    settlement: 'RESIDENT' as Settlement,
    bioZh: '从北京来到大水泊镇的博士，3月11日通过正常选举程序当选为文登区耕读小镇联合工会主席。',
    bioEn:
      'A PhD who came from Beijing to Dashuibo; elected chair of the Gengdu Town Joint Trade Union on 11 March by a regular election.',
  });
  talent('li-jiutai', {
    displayName: '李久太',
    degree: 'DOCTORATE' as Degree,
    title: '清华大学建筑学博士',
    titleEn: 'PhD in Architecture, Tsinghua University',
    field: '建筑学',
    fieldEn: 'Architecture',
    settlement: 'RESIDENT' as Settlement,
    bioZh: '威海设计谷创始人，清华大学建筑学博士。',
    bioEn: 'Founder of Weihai Design Valley; PhD in architecture from Tsinghua University.',
  });
  const degrees: Degree[] = ['DOCTORATE', 'DOCTORATE', 'MASTER', 'MASTER', 'BACHELOR', 'OTHER'] as Degree[];
  const tiers: TalentTier[] = ['LEADING', 'HIGH_LEVEL', 'HIGH_LEVEL', 'SKILLED'] as TalentTier[];
  const affiliations = ['tsinghua', ...D.DEMO_INVESTORS.map((_, i) => `investor:${i}`)];
  for (let i = 0; i < D.TALENTS - 2; i++) {
    const name = `${D.SURNAMES[i % D.SURNAMES.length]}${D.GIVEN_NAMES[(i * 7 + Math.floor(i / 20)) % D.GIVEN_NAMES.length]}`;
    const settlement = (
      i < D.RESIDENT_TALENTS - 2
        ? 'RESIDENT'
        : i < D.TALENTS - 2 - D.DEPARTED_TALENTS
          ? 'FLEXIBLE'
          : 'DEPARTED'
    ) as Settlement;
    const [field, fieldEn] = rnd.pick(D.FIELDS);
    // Drawn in the order the dataset always drew them, so every other value stays as it was.
    const degree = rnd.pick(degrees);
    const [title, titleEn] = rnd.pick(D.TITLES);
    talent(`demo:${i}`, {
      displayName: name,
      fullName: `${name}（示例）`,
      phone: `1380000${String(1000 + i).padStart(4, '0')}`,
      email: `demo.talent${i}@example.org`,
      degree,
      title,
      titleEn,
      tier: rnd.pick(tiers),
      field,
      fieldEn,
      affiliation: rnd.chance(0.4) ? ref(Organization, `org:${rnd.pick(affiliations)}`) : undefined,
      originCity: rnd.pick(D.ORIGIN_CITIES),
      arrivedOn: addDays('2018-03-01', rnd.int(0, 1090)),
      settlement,
      publicProfile: rnd.chance(0.85),
      contactConsent: rnd.chance(0.5),
      isDemo: true,
      bioZh: `示例人物（虚构）：${field}领域人才。`,
      bioEn: `Demo person (fictional): works in ${fieldEn.toLowerCase()}.`,
    });
  }
  const demoTalents = talentKeys.filter((k) => k.startsWith('demo:'));

  // Union organisations: the city federation, district federations, the joint union and its 7 branches.
  interface UnionSeed {
    kind: string;
    region: string;
    zh: string;
    en: string;
    parent?: string;
    agricultureRelated?: boolean;
    reportedMemberCount?: number;
    reportedEnterpriseCount?: number;
    facilities?: UnionFacility[];
    isDemo?: boolean;
    foundedOn?: string;
  }
  const union = (key: string, data: UnionSeed) =>
    em.create(UnionOrganization, {
      id: demoId(`union:${key}`),
      kind: data.kind as UnionKind,
      region: ref(Region, `region:${data.region}`),
      parent: data.parent ? ref(UnionOrganization, `union:${data.parent}`) : undefined,
      nameZh: data.zh,
      nameEn: data.en,
      agricultureRelated: data.agricultureRelated ?? false,
      reportedMemberCount: data.reportedMemberCount,
      reportedEnterpriseCount: data.reportedEnterpriseCount,
      facilities: data.facilities ?? [],
      isDemo: data.isDemo ?? false,
      foundedOn: data.foundedOn,
    });
  union('weihai', {
    kind: 'FEDERATION',
    region: 'weihai',
    zh: '威海市总工会',
    en: 'Weihai Federation of Trade Unions',
  });
  for (const [code, zh, en] of [
    ['wendeng', '文登区总工会', 'Wendeng District Federation of Trade Unions'],
    ['rongcheng', '荣成市总工会', 'Rongcheng Federation of Trade Unions'],
    ['rushan', '乳山市总工会', 'Rushan Federation of Trade Unions'],
    ['lingang', '临港区总工会', 'Lingang District Federation of Trade Unions'],
  ] as const) {
    union(code, { kind: 'FEDERATION', region: code, zh, en, parent: 'weihai' });
  }
  union('gengdu', {
    kind: 'JOINT_UNION',
    region: 'dashuibo',
    parent: 'wendeng',
    zh: '文登区耕读小镇联合工会',
    en: 'Gengdu Town Joint Trade Union',
    facilities: [UnionFacility.WORKERS_LIBRARY, UnionFacility.ACTIVITY_CENTER],
  });
  const ordinals = ['一', '二', '三', '四', '五', '六', '七'];
  ordinals.forEach((n, i) => {
    union(`gengdu:${i + 1}`, {
      kind: 'BRANCH',
      region: 'dashuibo',
      parent: 'gengdu',
      zh: `文登区耕读小镇联合工会第${n}分会`,
      en: `Gengdu Town Joint Trade Union, Branch ${i + 1}`,
    });
  });

  // Agriculture-related unions: 141 citywide with 5,625 farmer members, named ones first.
  const agri: { key: string; data: UnionSeed; members: number | null }[] = [];
  const agriUnion = (key: string, data: UnionSeed, members: number | null = 0) =>
    agri.push({ key, data: { ...data, agricultureRelated: true }, members });
  agriUnion('yulongqi', {
    kind: 'COOPERATIVE_UNION',
    region: 'wendeng',
    parent: 'wendeng',
    zh: '威海御龙旗西洋参专业合作社工会',
    en: 'Weihai Yulongqi Ginseng Co-operative Union',
  });
  agriUnion('dingxin', {
    kind: 'COOPERATIVE_UNION',
    region: 'wendeng',
    parent: 'wendeng',
    zh: '威海鼎欣果蔬专业合作社工会',
    en: 'Weihai Dingxin Fruit and Vegetable Co-operative Union',
  });
  // The federation's members are those of its member unions: it reports no count of its own.
  agriUnion(
    'lidao-aquaculture',
    {
      kind: 'INDUSTRY_FEDERATION',
      region: 'lidao',
      parent: 'rongcheng',
      zh: '俚岛镇养殖行业工会联合会',
      en: 'Lidao Aquaculture Industry Union Federation',
    },
    null,
  );
  for (const [i, [zh, en]] of [
    ['鲍鱼', 'Abalone'],
    ['海带', 'Kelp'],
    ['海参', 'Sea Cucumber'],
    ['扇贝', 'Scallop'],
    ['牡蛎', 'Oyster'],
    ['海胆', 'Sea Urchin'],
  ].entries()) {
    agriUnion(`lidao:${i}`, {
      kind: 'ENTERPRISE_UNION',
      region: 'lidao',
      parent: 'lidao-aquaculture',
      zh: `俚岛${zh}养殖企业工会（示例）`,
      en: `Lidao ${en} Farm Union (demo)`,
      isDemo: true,
    });
  }
  agriUnion('zuimei', {
    kind: 'ENTERPRISE_UNION',
    region: 'rushan',
    parent: 'rushan',
    zh: '醉美小镇工会',
    en: 'Zuimei Town Union',
    facilities: [UnionFacility.WORKERS_HOME],
  });
  agriUnion('borui', {
    kind: 'ENTERPRISE_UNION',
    region: 'rushan',
    parent: 'rushan',
    zh: '伯瑞蓝莓工会',
    en: 'Borui Blueberry Union',
    facilities: [UnionFacility.WORKERS_HOME],
  });
  agriUnion(
    'lingang-agri',
    {
      kind: 'INDUSTRY_UNION',
      region: 'lingang',
      parent: 'lingang',
      zh: '临港区农林水产业工会',
      en: 'Lingang Agriculture, Forestry and Fisheries Union',
      reportedEnterpriseCount: 35,
    },
    1068,
  );
  const districts = ['wendeng', 'rongcheng', 'rushan', 'lingang'] as const;
  for (let i = 0; agri.length < D.CITY_AGRI_UNIONS; i++) {
    const district = districts[i % districts.length]!;
    const [zh, en] = D.AGRI_PRODUCTS[i % D.AGRI_PRODUCTS.length]!;
    const region = D.REGIONS.find((r) => r.code === district)!;
    const n = Math.floor(i / D.AGRI_PRODUCTS.length) + 1;
    agriUnion(`agri:${i}`, {
      kind: 'COOPERATIVE_UNION',
      region: district,
      parent: district,
      zh: `${region.zh}${zh}专业合作社第${n}工会（示例）`,
      en: `${region.en} ${en} Co-operative Union ${n} (demo)`,
      isDemo: true,
    });
  }
  // Farmer members: the reported figures add up to the document's citywide 5,625.
  const open = agri.filter((a) => a.members === 0);
  let remaining = D.CITY_AGRI_MEMBERS - agri.reduce((s, a) => s + (a.members ?? 0), 0);
  open.forEach((a, i) => {
    const left = open.length - i;
    a.members = left === 1 ? remaining : Math.max(1, Math.round(remaining / left) + rnd.int(-8, 8));
    remaining -= a.members;
  });
  for (const a of agri) union(a.key, { ...a.data, reportedMemberCount: a.members ?? undefined });

  // Memberships: every talent in the joint union and one branch; Li Lin chairs the joint union.
  talentKeys.forEach((key, i) => {
    const role = (key === 'li-lin' ? 'CHAIR' : i === 2 || i === 3 ? 'VICE_CHAIR' : 'MEMBER') as UnionRole;
    em.create(UnionMembership, {
      id: demoId(`membership:gengdu:${key}`),
      organization: ref(UnionOrganization, 'union:gengdu'),
      talent: ref(Talent, `talent:${key}`),
      role,
      joinedOn: D.CHAIR_ELECTED_ON,
      electedOn: role === 'MEMBER' ? undefined : D.CHAIR_ELECTED_ON,
    });
    if (key === 'li-lin' || key === 'li-jiutai') return;
    const branch = (i % 7) + 1;
    em.create(UnionMembership, {
      id: demoId(`membership:branch:${key}`),
      organization: ref(UnionOrganization, `union:gengdu:${branch}`),
      talent: ref(Talent, `talent:${key}`),
      role: (i < 9 ? 'CHAIR' : 'MEMBER') as UnionRole,
      joinedOn: D.CHAIR_ELECTED_ON,
      electedOn: i < 9 ? D.CHAIR_ELECTED_ON : undefined,
    });
  });

  // Projects: the five the document names, then generated homestays and studios in the specialty villages.
  const villageKey = (i: number) => `village:${D.VILLAGES[i]![1]}`;
  const projectKeys: { key: string; village: number; big: boolean }[] = [];
  const project = (
    key: string,
    village: number,
    kind: string,
    status: string,
    zh: string,
    en: string,
    startedOn: string,
    big: boolean,
  ) => {
    projectKeys.push({ key, village, big });
    return em.create(Project, {
      id: demoId(`project:${key}`),
      town: dashuibo,
      village: ref(Village, villageKey(village)),
      kind: kind as ProjectKind,
      status: status as ProjectStatus,
      nameZh: zh,
      nameEn: en,
      startedOn,
    });
  };
  project(
    'college',
    2,
    'COLLEGE',
    'OPERATING',
    '乡村振兴学院',
    'Rural Revitalization College',
    '2019-06-01',
    true,
  );
  project(
    'tsinghua-station',
    4,
    'WORKSTATION',
    'OPERATING',
    '清华大学乡村振兴工作站',
    'Tsinghua University Rural Revitalization Workstation',
    '2019-09-01',
    true,
  );
  project(
    'design-valley',
    3,
    'DESIGN_STUDIO',
    'OPERATING',
    '威海设计谷',
    'Weihai Design Valley',
    '2020-03-01',
    true,
  );
  project(
    'ziguang-school',
    11,
    'SCHOOL',
    'UNDER_CONSTRUCTION',
    '威海紫光实验学校',
    'Weihai Ziguang Experimental School',
    '2020-09-01',
    true,
  );
  project(
    'jinzhiyuan',
    6,
    'PASTORAL_COMPLEX',
    'UNDER_CONSTRUCTION',
    '金芝源田园综合体',
    'Jinzhiyuan Pastoral Complex',
    '2020-10-01',
    true,
  );
  for (let v = 0; v < D.SPECIALTY_VILLAGES; v++) {
    const theme = D.THEMES.find((t) => t[0] === villageThemes[v]![0])!;
    const [vzh, ven] = D.VILLAGES[v]!;
    project(
      `homestay:${v}`,
      v,
      'HOMESTAY',
      'OPERATING',
      `${vzh}${theme[1]}舍`,
      `${ven} ${theme[2]} House`,
      addDays('2019-01-01', rnd.int(0, 800)),
      false,
    );
    if (v % 2 === 0) {
      project(
        `studio:${v}`,
        v,
        'STUDIO',
        rnd.pick(['OPERATING', 'UNDER_CONSTRUCTION', 'PLANNED']),
        `${vzh}${theme[1]}艺工作室`,
        `${ven} ${theme[2]} Studio`,
        addDays('2019-06-01', rnd.int(0, 600)),
        false,
      );
    }
  }
  em.create(ProjectPartner, {
    id: demoId('partner:tsinghua-station'),
    project: ref(Project, 'project:tsinghua-station'),
    organization: ref(Organization, 'org:tsinghua'),
    role: PartnerRole.ACADEMIC,
  });
  em.create(ProjectPartner, {
    id: demoId('partner:college'),
    project: ref(Project, 'project:college'),
    organization: ref(Organization, 'org:dashuibo-gov'),
    role: PartnerRole.GOVERNMENT,
  });
  em.create(ProjectParticipant, {
    id: demoId('participant:design-valley:li-jiutai'),
    project: ref(Project, 'project:design-valley'),
    talent: ref(Talent, 'talent:li-jiutai'),
    role: 'FOUNDER' as ParticipantRole,
  });
  const roles: ParticipantRole[] = ['LEAD', 'MEMBER', 'MEMBER', 'ADVISOR'] as ParticipantRole[];
  projectKeys.forEach((p, i) => {
    const count = p.big ? 4 : rnd.int(1, 3);
    for (let j = 0; j < count; j++) {
      const key = demoTalents[(i * 3 + j * 11) % demoTalents.length]!;
      const role = j === 0 && p.key !== 'design-valley' ? ('LEAD' as ParticipantRole) : roles[1 + (j % 3)]!;
      em.create(ProjectParticipant, {
        id: demoId(`participant:${p.key}:${key}:${role}`),
        project: ref(Project, `project:${p.key}`),
        talent: ref(Talent, `talent:${key}`),
        role,
        since: '2020-01-01',
      });
    }
  });

  // Investments: over CNY 200 million attributed to talents (以才引资), committed at signing or later.
  const bigAmounts: Record<string, number[]> = {
    college: [18_000_000, 12_000_000],
    'tsinghua-station': [8_000_000],
    'design-valley': [30_000_000, 15_000_000],
    'ziguang-school': [60_000_000],
    jinzhiyuan: [35_000_000, 15_000_000],
  };
  const committed: InvestmentStage[] = [
    'SIGNED',
    'CONSTRUCTION',
    'FUNDED',
    'PRODUCTION',
  ] as InvestmentStage[];
  let investmentCount = 0;
  projectKeys.forEach((p, i) => {
    const amounts = p.big
      ? bigAmounts[p.key]!
      : [rnd.int(40, 160) * 10_000, ...(rnd.chance(0.3) ? [rnd.int(20, 80) * 10_000] : [])];
    amounts.forEach((amount, j) => {
      const stage =
        p.big || rnd.chance(0.8)
          ? rnd.pick(committed)
          : rnd.pick(['PROMOTION', 'NEGOTIATION'] as InvestmentStage[]);
      const funded =
        stage === 'FUNDED' || stage === 'PRODUCTION'
          ? amount
          : stage === 'CONSTRUCTION'
            ? Math.round(amount * 0.4)
            : 0;
      const signedOn = committed.includes(stage) ? addDays('2019-05-01', rnd.int(0, 700)) : undefined;
      em.create(Investment, {
        id: demoId(`investment:${p.key}:${j}`),
        project: ref(Project, `project:${p.key}`),
        investor: ref(Organization, `org:investor:${(i + j) % D.DEMO_INVESTORS.length}`),
        attributedTalent: ref(Talent, `talent:${demoTalents[(i * 5 + j) % demoTalents.length]!}`),
        kind: j === 0 ? InvestmentKind.INITIAL : InvestmentKind.ADDITIONAL,
        stage,
        amount: amount.toFixed(2),
        fundedAmount: funded.toFixed(2),
        signedOn,
        fundedOn: funded > 0 && signedOn ? addDays(signedOn, rnd.int(30, 200)) : undefined,
      });
      investmentCount++;
    });
  });

  // Houses: 430 renovated and transferred (each with a lease in force), 40 idle.
  const statuses: HouseStatus[] = [
    'TRANSFERRED',
    'RENOVATING',
    'RENOVATED',
    'RENOVATED',
    'IN_USE',
    'IN_USE',
    'IN_USE',
  ] as HouseStatus[];
  const uses: HouseUse[] = [
    'HOMESTAY',
    'STUDIO',
    'OFFICE',
    'RESIDENCE',
    'CLASSROOM',
    'CATERING',
    'EXHIBITION',
  ] as HouseUse[];
  const modes: LeaseMode[] = ['LEASE', 'LEASE', 'LEASE', 'SHARE', 'COOPERATION', 'SELF_RUN'] as LeaseMode[];
  const total = D.TRANSFERRED_HOUSES + D.IDLE_HOUSES;
  const perVillage = new Map<number, number>();
  const ordinary = D.VILLAGES.length - D.SPECIALTY_VILLAGES;
  for (let h = 0; h < total; h++) {
    // Specialty villages get three houses in four.
    const q = Math.floor(h / 4);
    const v = h % 4 === 3 ? D.SPECIALTY_VILLAGES + (q % ordinary) : (q * 3 + (h % 4)) % D.SPECIALTY_VILLAGES;
    const n = (perVillage.get(v) ?? 0) + 1;
    perVillage.set(v, n);
    const transferred = h < D.TRANSFERRED_HOUSES;
    const status = transferred ? rnd.pick(statuses) : ('IDLE' as HouseStatus);
    const houseId = demoId(`house:${h}`);
    em.create(RuralHouse, {
      id: houseId,
      village: ref(Village, villageKey(v)),
      address: `${D.VILLAGES[v]![0]}${n}号`,
      addressEn: `No. ${n}, ${D.VILLAGES[v]![1]} Village`,
      floorAreaM2: (80 + rnd.int(0, 24000) / 100).toFixed(2),
      status,
      currentUse: status === 'IN_USE' ? rnd.pick(uses) : undefined,
      ownerHousehold: `示例户${h + 1}`,
      renovatedOn:
        status === 'RENOVATED' || status === 'IN_USE' ? addDays('2019-03-01', rnd.int(0, 760)) : undefined,
      renovationNoteZh:
        status === 'RENOVATED' || status === 'IN_USE' ? '保留石墙与老屋架，改建为可用空间。' : undefined,
      renovationNoteEn:
        status === 'RENOVATED' || status === 'IN_USE'
          ? 'Stone walls and old roof frame kept, converted for use.'
          : undefined,
      lat: (37.06 + rnd.next() * 0.1).toFixed(6),
      lng: (122.12 + rnd.next() * 0.14).toFixed(6),
    });
    if (!transferred) continue;
    const startsOn = addDays('2018-06-01', rnd.int(0, 1050));
    const villageProjects = projectKeys.filter((p) => p.village === v);
    const kind = rnd.next();
    const lessee =
      kind < 0.45 && villageProjects.length
        ? { lesseeProject: ref(Project, `project:${rnd.pick(villageProjects).key}`) }
        : kind < 0.85
          ? { lesseeTalent: ref(Talent, `talent:${rnd.pick(demoTalents)}`) }
          : {
              lesseeOrganization: ref(
                Organization,
                `org:investor:${rnd.int(0, D.DEMO_INVESTORS.length - 1)}`,
              ),
            };
    em.create(Lease, {
      id: demoId(`lease:${h}`),
      house: em.getReference(RuralHouse, houseId),
      mode: rnd.pick(modes),
      ...lessee,
      startsOn,
      endsOn: addYears(startsOn, rnd.pick([10, 15, 20])),
      annualRent: (rnd.int(30, 200) * 100).toFixed(2),
    });
  }
  await giveSlugs(em);
  seedDemoImages(em);
  await em.flush();
  return {
    talents: D.TALENTS,
    villages: D.VILLAGES.length,
    houses: total,
    unions: 5 + 8 + agri.length,
    investments: investmentCount,
  };
}

/**
 * The slugs of the new villages, projects and union organisations, made as their writes make them
 * (`slugOf` their Chinese name, `-2`, `-3`, … in the order they were made).
 */
async function giveSlugs(em: EntityManager) {
  const made = [...em.getUnitOfWork().getPersistStack()];
  for (const Kind of [Village, Project, UnionOrganization]) {
    const used = new Set<string>();
    for (const o of made) {
      if (!(o instanceof Kind)) continue;
      o.slug = await uniqueSlug(slugOf(o.nameZh, o.nameEn), (s) => used.has(s));
      used.add(o.slug);
    }
  }
}
