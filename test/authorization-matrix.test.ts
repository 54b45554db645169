import { isNonNullType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { getSchema } from '../src/graphql/schema.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

/**
 * Every mutation × every role × inside/outside the official's region, generated from the schema:
 * a mutation without a rule here fails the suite. Officials govern Dashuibo; "outside" objects are
 * in Lidao (Rongcheng).
 */
const api = useApi({ writes: true });
const tokens: Record<string, string | undefined> = {};
const towns: Record<string, string> = {};
let seq = 0;
const unique = (prefix: string) => `${prefix}${process.pid}-${++seq}`;

async function village(town: 'dashuibo' | 'lidao') {
  const data = ok(
    await api.run(
      'mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id version } } }',
      { input: { townId: towns[town], nameZh: unique('矩阵村'), nameEn: unique('Matrix ') } },
      { token: tokens.admin },
    ),
  );
  return data.createVillage.village as { id: string; version: number };
}

async function house(where: 'dashuibo' | 'lidao') {
  const v = await village(where);
  const data = ok(
    await api.run(
      'mutation($input: CreateRuralHouseInput!) { createRuralHouse(input: $input) { ruralHouse { id version } userErrors { message } } }',
      { input: { villageId: v.id, address: unique('矩阵路'), floorAreaM2: '120.5' } },
      { token: tokens.admin },
    ),
  );
  return data.createRuralHouse.ruralHouse as { id: string; version: number };
}

async function lease(where: 'dashuibo' | 'lidao') {
  const h = await house(where);
  const data = ok(
    await api.run(
      'mutation($input: CreateLeaseInput!) { createLease(input: $input) { lease { id version } userErrors { message } } }',
      {
        input: {
          houseId: h.id,
          tenantId: tokens.tenant,
          mode: 'LEASE',
          startsOn: '2022-01-01',
          endsOn: '2032-01-01',
        },
      },
      { token: tokens.admin },
    ),
  );
  return data.createLease.lease as { id: string; version: number };
}

const projects: Record<string, string> = {};

async function investment(where: 'dashuibo' | 'lidao') {
  const data = ok(
    await api.run(
      'mutation($input: CreateInvestmentInput!) { createInvestment(input: $input) { investment { id version } userErrors { message } } }',
      {
        input: {
          projectId: projects[where],
          investorId: tokens.investor,
          amount: '1000000',
          stage: 'NEGOTIATION',
        },
      },
      { token: tokens.admin },
    ),
  );
  return data.createInvestment.investment as { id: string; version: number };
}

/** A picture of a new village of `where` (its row written directly: uploads go over HTTP, test/images.test.ts). */
async function image(where: 'dashuibo' | 'lidao') {
  const v = await village(where);
  const [row] = await api.sql(
    `insert into image (village_id, storage_key, content_type, width, height, card_width, card_height, alt_en)
     values (?, ?, 'image/jpeg', 10, 10, 10, 10, 'Matrix') returning id, version`,
    [Buffer.from(v.id, 'base64url').toString().split(':')[1], unique('matrix-').toLowerCase()],
  );
  return { id: toGlobalId('Image', row.id), version: row.version as number };
}

/** Creates an object as admin with `mutation(input)` and returns its id and version. */
async function made(mutation: string, inputType: string, key: string, input: Record<string, unknown>) {
  const data = ok(
    await api.run(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${key} { id version } userErrors { message } } }`,
      { input },
      { token: tokens.admin },
    ),
  );
  const node = data[mutation][key];
  if (!node) throw new Error(`${mutation} failed: ${JSON.stringify(data[mutation].userErrors)}`);
  return node as { id: string; version: number };
}
const talent = (where: string) =>
  made('createTalent', 'CreateTalentInput', 'talent', {
    townId: towns[where],
    displayName: unique('T'),
    fullName: unique('Full'),
    settlement: 'FLEXIBLE',
    publicProfile: true,
  });
const project = (where: string) =>
  made('createProject', 'CreateProjectInput', 'project', {
    townId: towns[where],
    kind: 'STUDIO',
    status: 'PLANNED',
    nameZh: unique('项目'),
    nameEn: unique('P'),
  });
const union = (where: string) =>
  made('createUnionOrganization', 'CreateUnionOrganizationInput', 'unionOrganization', {
    regionId: towns[where],
    kind: 'ENTERPRISE_UNION',
    nameZh: unique('工会'),
    nameEn: unique('U'),
  });
const organization = (where: string) =>
  made('createOrganization', 'CreateOrganizationInput', 'organization', {
    regionId: towns[where],
    kind: 'COMPANY',
    nameZh: unique('公司'),
    nameEn: unique('C'),
  });
async function participant(where: string) {
  const data = ok(
    await api.run(
      'mutation($input: AddProjectParticipantInput!) { addProjectParticipant(input: $input) { projectRole { id } } }',
      { input: { projectId: (await project(where)).id, talentId: (await talent(where)).id, role: 'MEMBER' } },
      { token: tokens.admin },
    ),
  );
  return data.addProjectParticipant.projectRole as { id: string };
}
async function partner(where: string) {
  const data = ok(
    await api.run(
      'mutation($input: AddProjectPartnerInput!) { addProjectPartner(input: $input) { projectPartner { id } } }',
      {
        input: {
          projectId: (await project(where)).id,
          organizationId: (await organization(where)).id,
          role: 'OPERATOR',
        },
      },
      { token: tokens.admin },
    ),
  );
  return data.addProjectPartner.projectPartner as { id: string };
}
async function member(where: string) {
  const data = ok(
    await api.run(
      'mutation($input: AddUnionMemberInput!) { addUnionMember(input: $input) { unionMembership { id version } } }',
      { input: { organizationId: (await union(where)).id, talentId: (await talent(where)).id } },
      { token: tokens.admin },
    ),
  );
  return data.addUnionMember.unionMembership as { id: string; version: number };
}

/** For each mutation: its selection and the input for an object inside or outside Dashuibo (null: admin only). */
type Case = {
  selection: string;
  input: (where: 'dashuibo' | 'lidao') => Promise<Record<string, unknown> | null>;
  /** Regions and themes belong to nobody's region: officials are refused everywhere. */
  adminOnly?: boolean;
};
const E = 'userErrors { code }';
const PUBLIC = new Set(['login']);
const cases: Record<string, Case> = {
  createVillage: {
    selection: 'userErrors { code }',
    input: async (where) => ({ townId: towns[where], nameZh: unique('新村'), nameEn: unique('New ') }),
  },
  updateVillage: {
    selection: 'userErrors { code }',
    input: async (where) => {
      const v = await village(where);
      return { id: v.id, version: v.version, nameEn: unique('Renamed ') };
    },
  },
  archiveVillage: {
    selection: 'userErrors { code }',
    input: async (where) => {
      const v = await village(where);
      return { id: v.id, version: v.version };
    },
  },
  addVillageTheme: {
    selection: 'userErrors { code }',
    input: async (where) => ({ villageId: (await village(where)).id, themeCode: 'tea' }),
  },
  removeVillageTheme: {
    selection: 'userErrors { code }',
    input: async (where) => ({ villageId: (await village(where)).id, themeCode: 'tea' }),
  },
  createRuralHouse: {
    selection: 'userErrors { code }',
    input: async (where) => ({
      villageId: (await village(where)).id,
      address: unique('新路'),
      floorAreaM2: '88',
    }),
  },
  updateRuralHouse: {
    selection: 'userErrors { code }',
    input: async (where) => ({ ...(await house(where)), floorAreaM2: '99.50' }),
  },
  archiveRuralHouse: { selection: 'userErrors { code }', input: async (where) => house(where) },
  createLease: {
    selection: 'userErrors { code }',
    input: async (where) => ({
      houseId: (await house(where)).id,
      tenantId: tokens.tenant,
      mode: 'SHARE',
      startsOn: '2023-05-01',
      endsOn: '2033-04-30',
      annualRent: '12000.00',
    }),
  },
  updateLease: {
    selection: E,
    input: async (where) => ({ ...(await lease(where)), annualRent: '9000', endsOn: '2035-01-01' }),
  },
  terminateLease: {
    selection: 'userErrors { code }',
    input: async (where) => ({ ...(await lease(where)), terminatedOn: '2024-06-30' }),
  },
  archiveLease: { selection: 'userErrors { code }', input: async (where) => lease(where) },
  createInvestment: {
    selection: 'userErrors { code }',
    input: async (where) => ({
      projectId: projects[where],
      investorId: tokens.investor,
      amount: '500000.00',
    }),
  },
  updateInvestment: {
    selection: 'userErrors { code }',
    input: async (where) => ({ ...(await investment(where)), stage: 'SIGNED', signedOn: '2024-01-02' }),
  },
  correctInvestmentStage: {
    selection: 'userErrors { code }',
    input: async (where) => ({
      ...(await investment(where)),
      stage: 'PROMOTION',
      reason: 'entered by mistake',
    }),
  },
  archiveInvestment: { selection: 'userErrors { code }', input: async (where) => investment(where) },
  createTalent: {
    selection: E,
    input: async (where) => ({
      townId: towns[where],
      displayName: unique('人'),
      fullName: unique('全名'),
      settlement: 'RESIDENT',
    }),
  },
  updateTalent: { selection: E, input: async (where) => ({ ...(await talent(where)), field: '茶艺' }) },
  archiveTalent: { selection: E, input: async (where) => talent(where) },
  createProject: {
    selection: E,
    input: async (where) => ({
      townId: towns[where],
      kind: 'HOMESTAY',
      status: 'PLANNED',
      nameZh: unique('民宿'),
      nameEn: unique('H'),
    }),
  },
  updateProject: {
    selection: E,
    input: async (where) => ({ ...(await project(where)), status: 'OPERATING' }),
  },
  archiveProject: { selection: E, input: async (where) => project(where) },
  addProjectParticipant: {
    selection: E,
    input: async (where) => ({
      projectId: (await project(where)).id,
      talentId: (await talent(where)).id,
      role: 'LEAD',
    }),
  },
  removeProjectParticipant: { selection: E, input: async (where) => participant(where) },
  addProjectPartner: {
    selection: E,
    input: async (where) => ({
      projectId: (await project(where)).id,
      organizationId: (await organization(where)).id,
      role: 'INVESTOR',
    }),
  },
  removeProjectPartner: { selection: E, input: async (where) => partner(where) },
  createUnionOrganization: {
    selection: E,
    input: async (where) => ({
      regionId: towns[where],
      kind: 'BRANCH',
      nameZh: unique('分会'),
      nameEn: unique('B'),
    }),
  },
  updateUnionOrganization: {
    selection: E,
    input: async (where) => ({ ...(await union(where)), reportedMemberCount: 12 }),
  },
  archiveUnionOrganization: { selection: E, input: async (where) => union(where) },
  addUnionMember: {
    selection: E,
    input: async (where) => ({
      organizationId: (await union(where)).id,
      talentId: (await talent(where)).id,
      role: 'CHAIR',
      electedOn: '2024-03-11',
    }),
  },
  updateUnionMember: {
    selection: E,
    input: async (where) => ({ ...(await member(where)), role: 'VICE_CHAIR' }),
  },
  removeUnionMember: { selection: E, input: async (where) => ({ id: (await member(where)).id }) },
  createOrganization: {
    selection: E,
    input: async (where) => ({
      regionId: towns[where],
      kind: 'COOPERATIVE',
      nameZh: unique('合作社'),
      nameEn: unique('Co'),
    }),
  },
  updateOrganization: {
    selection: E,
    input: async (where) => ({ ...(await organization(where)), website: 'https://example.org' }),
  },
  archiveOrganization: { selection: E, input: async (where) => organization(where) },
  createRegion: {
    selection: E,
    adminOnly: true,
    input: async () => ({
      parentId: towns.lidao,
      kind: 'TOWN',
      code: unique('matrix-').toLowerCase(),
      nameZh: unique('镇'),
      nameEn: unique('Town '),
    }),
  },
  updateRegion: {
    selection: E,
    adminOnly: true,
    input: async () => ({
      ...(await made('createRegion', 'CreateRegionInput', 'region', {
        kind: 'TOWN',
        code: unique('r-').toLowerCase(),
        nameZh: unique('区'),
        nameEn: unique('R'),
      })),
      nameEn: unique('Renamed '),
    }),
  },
  archiveRegion: {
    selection: E,
    adminOnly: true,
    input: async () =>
      made('createRegion', 'CreateRegionInput', 'region', {
        kind: 'TOWN',
        code: unique('a-').toLowerCase(),
        nameZh: unique('区'),
        nameEn: unique('A'),
      }),
  },
  importSpreadsheet: {
    selection: 'rowErrors { message } userErrors { code }',
    input: async (where) => {
      const v = await village(where);
      const named = ok(
        await api.run('query($id: ID!) { node(id: $id) { ... on Village { name(locale: ZH) } } }', {
          id: v.id,
        }),
      ).node.name;
      return {
        kind: 'HOUSES',
        format: 'CSV',
        regionCode: where,
        contentBase64: Buffer.from(`Village,Address,Floor area (m2)\n${named},${unique('表')},10`).toString(
          'base64',
        ),
      };
    },
  },
  createUser: {
    selection: E,
    adminOnly: true,
    input: async () => ({
      email: `${unique('new')}@matrix.example`,
      password: 'a long enough password',
      role: 'PARTNER',
    }),
  },
  updateUser: {
    selection: E,
    adminOnly: true,
    input: async () => {
      const data = ok(
        await api.run(
          'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id version } } }',
          {
            input: {
              email: `${unique('upd')}@matrix.example`,
              password: 'a long enough password',
              role: 'PARTNER',
            },
          },
          { token: tokens.admin },
        ),
      );
      return { ...data.createUser.user, displayName: 'Renamed' };
    },
  },
  updateImage: {
    selection: E,
    input: async (where) => ({ ...(await image(where)), altEn: unique('Renamed '), isCover: true }),
  },
  removeImage: { selection: E, input: async (where) => image(where) },
  updateTheme: {
    selection: E,
    adminOnly: true,
    input: async () => {
      const [theme] = await api.sql("select id, version from theme where code = 'tea'");
      return {
        id: toGlobalId('Theme', theme.id),
        version: theme.version,
        descriptionEn: unique('Tea villages '),
      };
    },
  },
};

beforeAll(async () => {
  tokens.admin = await tokenFor(api, 'matrix-admin', Role.ADMIN);
  tokens.official = await tokenFor(api, 'matrix-official', Role.OFFICIAL, 'dashuibo');
  tokens.partner = await tokenFor(api, 'matrix-partner', Role.PARTNER);
  for (const code of ['dashuibo', 'lidao']) {
    towns[code] = ok(await api.run(`{ region(code: "${code}") { id } }`)).region.id;
  }
  tokens.tenant = ok(await api.run('{ talents(first: 1) { nodes { id } } }')).talents.nodes[0].id;
  tokens.investor = ok(
    await api.run('{ organizations(first: 1, where: { kind: { eq: FUND } }) { nodes { id } } }'),
  ).organizations.nodes[0].id;
  projects.dashuibo = ok(await api.run('{ projects(first: 1) { nodes { id } } }')).projects.nodes[0].id;
  const [lidao] = await api.sql(
    "insert into project (town_id, kind, status, name_zh, name_en) select id, 'HOMESTAY', 'PLANNED', '俚岛矩阵项目', 'Lidao Matrix' from region where code = 'lidao' returning id",
  );
  projects.lidao = toGlobalId('Project', lidao.id);
});

async function attempt(name: string, c: Case, where: 'dashuibo' | 'lidao', token: string | undefined) {
  const schema = await getSchema();
  const arg = schema
    .getMutationType()!
    .getFields()
    [name]!.args.find((a) => a.name === 'input')!;
  const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  const input = await c.input(where);
  const result = await api.run(
    `mutation($input: ${String(type)}!) { ${name}(input: $input) { ${c.selection} } }`,
    { input },
    { token },
  );
  const payload = result.data?.[name];
  return (
    result.errors?.[0]?.extensions?.code ??
    (payload?.userErrors?.length || payload?.rowErrors?.length ? 'USER_ERRORS' : 'OK')
  );
}

describe('authorization matrix of mutations', () => {
  it('has a rule for every mutation of the schema', async () => {
    const schema = await getSchema();
    const names = Object.keys(schema.getMutationType()!.getFields()).filter((n) => !PUBLIC.has(n));
    expect(names.filter((n) => !(n in cases))).toEqual([]);
    expect(Object.keys(cases).filter((n) => !names.includes(n))).toEqual([]);
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: anonymous → UNAUTHENTICATED, partner → FORBIDDEN, official inside → allowed, outside → FORBIDDEN, admin → allowed`, async () => {
      expect(await attempt(name, c, 'dashuibo', undefined)).toBe('UNAUTHENTICATED');
      expect(await attempt(name, c, 'dashuibo', tokens.partner)).toBe('FORBIDDEN');
      expect(await attempt(name, c, 'dashuibo', tokens.official)).toBe(c.adminOnly ? 'FORBIDDEN' : 'OK');
      expect(await attempt(name, c, 'lidao', tokens.official)).toBe('FORBIDDEN');
      expect(await attempt(name, c, 'lidao', tokens.admin)).toBe('OK');
    });
  }
});

/**
 * Every private field (its description starts with "Private:") × role × inside/outside: who gets a
 * value. Objects: a talent and a house in Dashuibo (inside) and in Lidao (outside), with contact consent.
 */
const privateFields: Record<
  string,
  { type: string; query: string; expected: Record<string, [boolean, boolean]> }
> = {
  'Talent.fullName': {
    type: 'Talent',
    query: 'fullName',
    expected: {
      anonymous: [false, false],
      partner: [false, false],
      official: [true, false],
      admin: [true, true],
    },
  },
  'Talent.publicProfile': {
    type: 'Talent',
    query: 'publicProfile',
    expected: {
      anonymous: [false, false],
      partner: [false, false],
      official: [true, false],
      admin: [true, true],
    },
  },
  'Talent.contactConsent': {
    type: 'Talent',
    query: 'contactConsent',
    expected: {
      anonymous: [false, false],
      partner: [false, false],
      official: [true, false],
      admin: [true, true],
    },
  },
  'Talent.contact': {
    type: 'Talent',
    query: 'contact { phone email }',
    expected: {
      anonymous: [false, false],
      partner: [true, true],
      official: [true, false],
      admin: [true, true],
    },
  },
  'RuralHouse.ownerHousehold': {
    type: 'RuralHouse',
    query: 'ownerHousehold',
    expected: {
      anonymous: [false, false],
      partner: [false, false],
      official: [true, false],
      admin: [true, true],
    },
  },
};

describe('authorization matrix of private fields', () => {
  const ids: Record<string, [string, string]> = {};

  beforeAll(async () => {
    const rows = await api.sql(`
      with t as (
        insert into talent (town_id, display_name, full_name, phone, email, settlement, public_profile, contact_consent, is_demo)
        select r.id, 'Matrix ' || r.code, 'Full ' || r.code, '13900000000', r.code || '@matrix.example', 'RESIDENT', true, true, true
        from region r where r.code in ('dashuibo', 'lidao') returning id, town_id
      ) select t.id, r.code from t join region r on r.id = t.town_id`);
    const talent = (code: string) => toGlobalId('Talent', rows.find((r) => r.code === code).id);
    ids.Talent = [talent('dashuibo'), talent('lidao')];
    const houses = await api.sql(`
      with v as (
        insert into village (town_id, name_zh, name_en) select id, '矩阵私有村', 'Private Matrix' from region where code = 'lidao' returning id
      ), h as (
        insert into rural_house (village_id, address, floor_area_m2, status, owner_household)
        select id, '矩阵1号', 100, 'IDLE', '矩阵户' from v returning id
      ) select id from h`);
    const [inside] = await api.sql(
      "select h.id from rural_house h join village v on v.id = h.village_id join region r on r.id = v.town_id where r.code = 'dashuibo' and h.owner_household is not null limit 1",
    );
    ids.RuralHouse = [toGlobalId('RuralHouse', inside.id), toGlobalId('RuralHouse', houses[0].id)];
  });

  it('covers every private field of the schema', async () => {
    const schema = await getSchema();
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.description?.startsWith('Private:')) found.push(`${type.name}.${field.name}`);
      }
    }
    expect(found.sort()).toEqual(Object.keys(privateFields).sort());
  });

  for (const [name, f] of Object.entries(privateFields)) {
    it(`${name} by role, inside and outside the official's region`, async () => {
      for (const [role, [inside, outside]] of Object.entries(f.expected)) {
        const token = role === 'anonymous' ? undefined : tokens[role];
        const got = [];
        for (const id of ids[f.type]!) {
          const data = ok(
            await api.run(
              `query($id: ID!) { node(id: $id) { ... on ${f.type} { ${f.query} } } }`,
              { id },
              { token },
            ),
          );
          const value = Object.values(data.node)[0];
          got.push(value !== null && value !== undefined);
        }
        expect([role, ...got]).toEqual([role, inside, outside]);
      }
    });
  }
});
