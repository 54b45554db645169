import { isNonNullType } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedIfEmpty } from '../src/db/database.js';
import { openOrm } from '../src/db/orm.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/ids.js';
import { UserErrorCode } from '../src/graphql/payload.js';
import { getSchema } from '../src/graphql/schema.js';
import { mutate } from '../src/graphql/write/mutation.js';
import { authenticate } from '../src/modules/user/auth.js';
import { Role } from '../src/modules/user/user.entity.js';
import { Village } from '../src/modules/village/village.entity.js';
import { villageTable } from '../src/modules/village/village.service.js';
import { ok, testAuth, tokenFor, useApi } from './helpers.js';

/**
 * A refused write changes nothing: every mutation of the schema (a mutation without a case here
 * fails the suite) is sent, by a role allowed to call it, an input that earns a user error — where
 * possible one found late, after the object was loaded and changed in memory — and no row of any
 * table, the audit trail included, may differ afterwards. On a database of its own, so that no other
 * test's writes move the digests.
 */
const name = `revgraph_refused_${process.pid}_${Date.now()}`;
let url = '';
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: inject('writeDatabaseUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};
beforeAll(async () => {
  await admin(`create database ${name}`);
  const target = new URL(inject('writeDatabaseUrl'));
  target.pathname = `/${name}`;
  url = target.toString();
  const orm = await openOrm(url);
  await seedIfEmpty(orm);
  await orm.close();
});
afterAll(async () => {
  await admin(`drop database if exists ${name} with (force)`);
});

const api = useApi({ url: () => url });
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}`;
const FUTURE = '2999-01-01';

/** Runs a mutation as admin that must succeed, and returns its object's id and version. */
async function made(mutation: string, key: string, input: Record<string, unknown>) {
  const type = await inputType(mutation);
  const data = ok(
    await api.run(
      `mutation($input: ${type}!) { ${mutation}(input: $input) { ${key} { id version } userErrors { message } } }`,
      { input },
      { token: tokens.admin },
    ),
  );
  const node = data[mutation][key];
  if (!node) throw new Error(`${mutation} failed: ${JSON.stringify(data[mutation].userErrors)}`);
  return node as { id: string; version: number };
}

/** Adds a link as admin (its payload's object may be hidden from the read-back) and returns its input. */
async function linked(mutation: string, input: Record<string, unknown>) {
  const type = await inputType(mutation);
  const data = ok(
    await api.run(
      `mutation($input: ${type}!) { ${mutation}(input: $input) { userErrors { message } } }`,
      { input },
      { token: tokens.admin },
    ),
  );
  expect(data[mutation].userErrors).toEqual([]);
  return input;
}

async function inputType(mutation: string) {
  const schema = await getSchema();
  const arg = schema
    .getMutationType()!
    .getFields()
    [mutation]!.args.find((a) => a.name === 'input')!;
  return String(isNonNullType(arg.type) ? arg.type.ofType : arg.type);
}

const village = () =>
  made('createVillage', 'village', {
    townId: ids.town,
    nameZh: unique('拒绝村'),
    nameEn: unique('Refused '),
  });
const house = async () =>
  made('createRuralHouse', 'ruralHouse', {
    villageId: (await village()).id,
    address: unique('拒绝路'),
    floorAreaM2: '100',
  });
const lease = async () =>
  made('createLease', 'lease', {
    houseId: (await house()).id,
    tenantId: ids.organization,
    mode: 'LEASE',
    startsOn: '2022-01-01',
    endsOn: '2030-01-01',
  });
const investment = () =>
  made('createInvestment', 'investment', {
    projectId: ids.project,
    investorId: ids.organization,
    amount: '1000000',
    stage: 'NEGOTIATION',
  });
const talent = () =>
  made('createTalent', 'talent', {
    townId: ids.town,
    displayName: unique('拒'),
    fullName: unique('拒绝全名'),
    settlement: 'FLEXIBLE',
    publicProfile: true,
  });
const project = () =>
  made('createProject', 'project', {
    townId: ids.town,
    kind: 'STUDIO',
    status: 'PLANNED',
    nameZh: unique('拒绝项目'),
    nameEn: unique('Refused P'),
  });
const union = () =>
  made('createUnionOrganization', 'unionOrganization', {
    regionId: ids.town,
    kind: 'BRANCH',
    nameZh: unique('拒绝工会'),
    nameEn: unique('Refused U'),
  });
const organization = () =>
  made('createOrganization', 'organization', {
    regionId: ids.town,
    kind: 'COMPANY',
    nameZh: unique('拒绝公司'),
    nameEn: unique('Refused C'),
  });
const region = () =>
  made('createRegion', 'region', {
    kind: 'TOWN',
    code: unique('refused-'),
    nameZh: unique('拒绝镇'),
    nameEn: unique('Refused T'),
  });
/** A picture of a new village (its row written directly: uploads go over HTTP, test/images.test.ts). */
const image = async () => {
  const v = await village();
  const [row] = await api.sql(
    `insert into image (village_id, storage_key, content_type, width, height, card_width, card_height, alt_en, is_cover)
     values (?, ?, 'image/jpeg', 10, 10, 10, 10, 'Refused', true) returning id, version`,
    [Buffer.from(v.id, 'base64url').toString().split(':')[1], unique('refused-')],
  );
  return { id: toGlobalId('Image', row.id), version: row.version as number };
};
const stale = (o: { id: string; version: number }) => ({ id: o.id, version: o.version + 5 });
/** A well-formed id of an object that does not exist. */
const missing = (type: string) => toGlobalId(type, '00000000-0000-4000-8000-000000000000');

/** Per mutation: who may call it, and an input that earns a user error (prepared with valid writes). */
const cases: Record<string, { as?: 'admin' | 'anonymous'; input: () => Promise<Record<string, unknown>> }> = {
  createVillage: {
    input: async () => ({
      townId: ids.town,
      nameZh: unique('新村'),
      nameEn: unique('New '),
      location: { lat: 91, lng: 122 },
    }),
  },
  updateVillage: { input: async () => ({ ...(await village()), nameEn: 'Renamed', nameZh: '' }) },
  archiveVillage: { input: async () => stale(await village()) },
  addVillageTheme: { input: async () => ({ villageId: (await village()).id, themeCode: 'no-such-theme' }) },
  removeVillageTheme: {
    input: async () => ({ villageId: (await village()).id, themeCode: 'no-such-theme' }),
  },
  createRuralHouse: {
    input: async () => ({
      villageId: (await village()).id,
      address: unique('路'),
      floorAreaM2: '80',
      renovatedOn: FUTURE,
    }),
  },
  updateRuralHouse: { input: async () => ({ ...(await house()), floorAreaM2: '90', renovatedOn: FUTURE }) },
  archiveRuralHouse: { input: async () => stale(await house()) },
  createLease: {
    input: async () => ({
      houseId: (await house()).id,
      tenantId: ids.organization,
      mode: 'SHARE',
      startsOn: '2022-01-01',
      endsOn: '2052-01-01',
    }),
  },
  updateLease: { input: async () => ({ ...(await lease()), annualRent: '9000', endsOn: '2060-01-01' }) },
  terminateLease: { input: async () => ({ ...(await lease()), terminatedOn: '2040-01-01' }) },
  archiveLease: { input: async () => stale(await lease()) },
  createInvestment: {
    input: async () => ({
      projectId: ids.project,
      investorId: ids.organization,
      amount: '100',
      fundedAmount: '200',
    }),
  },
  updateInvestment: { input: async () => ({ ...(await investment()), stage: 'SIGNED', signedOn: FUTURE }) },
  correctInvestmentStage: {
    input: async () => ({ ...(await investment()), stage: 'PROMOTION', reason: '' }),
  },
  archiveInvestment: { input: async () => stale(await investment()) },
  createTalent: {
    input: async () => ({
      townId: ids.town,
      displayName: unique('人'),
      fullName: unique('全名'),
      settlement: 'RESIDENT',
      arrivedOn: FUTURE,
    }),
  },
  updateTalent: { input: async () => ({ ...(await talent()), field: '茶艺', arrivedOn: FUTURE }) },
  archiveTalent: { input: async () => stale(await talent()) },
  createProject: {
    input: async () => ({ townId: ids.town, kind: 'HOMESTAY', status: 'PLANNED', nameZh: '', nameEn: 'H' }),
  },
  updateProject: { input: async () => ({ ...(await project()), status: 'OPERATING', nameZh: '' }) },
  archiveProject: { input: async () => stale(await project()) },
  // The same link twice: found taken after the new link was made in memory.
  addProjectParticipant: {
    input: async () =>
      linked('addProjectParticipant', {
        projectId: (await project()).id,
        talentId: (await talent()).id,
        role: 'LEAD',
      }),
  },
  removeProjectParticipant: { input: async () => ({ id: missing('ProjectRole') }) },
  addProjectPartner: {
    input: async () =>
      linked('addProjectPartner', {
        projectId: (await project()).id,
        organizationId: (await organization()).id,
        role: 'INVESTOR',
      }),
  },
  removeProjectPartner: { input: async () => ({ id: missing('ProjectPartner') }) },
  createUnionOrganization: {
    input: async () => ({ regionId: ids.town, kind: 'BRANCH', nameZh: '', nameEn: 'B' }),
  },
  updateUnionOrganization: {
    input: async () => ({ ...(await union()), reportedMemberCount: 12, nameZh: '' }),
  },
  archiveUnionOrganization: { input: async () => stale(await union()) },
  addUnionMember: {
    input: async () =>
      linked('addUnionMember', { organizationId: (await union()).id, talentId: (await talent()).id }),
  },
  updateUnionMember: {
    input: async () => {
      const { organizationId, talentId } = await linked('addUnionMember', {
        organizationId: (await union()).id,
        talentId: (await talent()).id,
      });
      const [m] = await api.sql(
        'select id, version from union_membership where organization_id = ? and talent_id = ?',
        [organizationId, talentId].map((g) => Buffer.from(String(g), 'base64url').toString().split(':')[1]),
      );
      return {
        id: toGlobalId('UnionMembership', m.id),
        version: m.version,
        role: 'VICE_CHAIR',
        electedOn: FUTURE,
      };
    },
  },
  removeUnionMember: { input: async () => ({ id: missing('UnionMembership') }) },
  createOrganization: {
    input: async () => ({ regionId: ids.town, kind: 'COOPERATIVE', nameZh: '', nameEn: 'Co' }),
  },
  updateOrganization: {
    input: async () => ({ ...(await organization()), website: 'https://example.org', nameZh: '' }),
  },
  archiveOrganization: { input: async () => stale(await organization()) },
  createRegion: {
    input: async () => ({ kind: 'TOWN', code: 'Not A Code', nameZh: '镇', nameEn: 'Town' }),
  },
  updateRegion: { input: async () => ({ ...(await region()), nameEn: 'Renamed', nameZh: '' }) },
  archiveRegion: { input: async () => stale(await region()) },
  // One good row and one bad: the file is refused whole.
  importSpreadsheet: {
    input: async () => {
      const [v] = await api.sql(
        'select v.name_zh from village v join region r on r.id = v.town_id where r.code = ? limit 1',
        ['dashuibo'],
      );
      return {
        kind: 'HOUSES',
        format: 'CSV',
        regionCode: 'dashuibo',
        contentBase64: Buffer.from(
          `Village,Address,Floor area (m2)\n${v.name_zh},${unique('表')},10\n${v.name_zh},${unique('表')},-3`,
        ).toString('base64'),
      };
    },
  },
  // An official without a region: found after the account was made in memory.
  createUser: {
    input: async () => ({
      email: `${unique('new')}@refused.example`,
      password: 'a long enough password',
      role: 'OFFICIAL',
    }),
  },
  // The case of the issue: a partner made ADMIN with a password too short.
  updateUser: {
    input: async () => ({
      ...(await made('createUser', 'user', {
        email: `${unique('upd')}@refused.example`,
        password: 'a long enough password',
        role: 'PARTNER',
      })),
      role: 'ADMIN',
      password: 'short',
    }),
  },
  // Its alternative texts cleared: found after the cover mark and position were changed in memory.
  updateImage: {
    input: async () => ({ ...(await image()), isCover: false, position: 4, altEn: null, altZh: null }),
  },
  removeImage: { input: async () => stale(await image()) },
  updateTheme: {
    input: async () => {
      const [theme] = await api.sql("select id, version from theme where code = 'tea'");
      return { id: toGlobalId('Theme', theme.id), version: theme.version, descriptionEn: 'Tea', nameZh: '' };
    },
  },
  login: {
    as: 'anonymous',
    input: async () => ({ email: 'refused-admin@tests.example', password: 'wrong' }),
  },
};

/** A digest of every row of every table of the database (the audit trail included). */
async function digest(): Promise<Record<string, string>> {
  const tables = (
    await api.sql("select tablename from pg_tables where schemaname = 'public' order by tablename")
  ).map((r) => r.tablename as string);
  const rows = await api.sql(
    tables
      .map(
        (t) =>
          `select '${t}' as t, count(*)::int || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as d from "${t}" x`,
      )
      .join(' union all '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.d]));
}

beforeAll(async () => {
  tokens.admin = await tokenFor(api, 'refused-admin', Role.ADMIN);
  ids.town = ok(await api.run('{ region(code: "dashuibo") { id } }')).region.id;
  ids.project = (await project()).id;
  ids.organization = (await organization()).id;
});

describe('a refused write changes nothing', () => {
  it('has a case for every mutation of the schema', async () => {
    const schema = await getSchema();
    const names = Object.keys(schema.getMutationType()!.getFields());
    expect(names.filter((n) => !(n in cases))).toEqual([]);
    expect(Object.keys(cases).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('digests see a change (the comparison can fail)', async () => {
    const before = await digest();
    await village();
    const after = await digest();
    expect(
      Object.keys(after)
        .filter((t) => after[t] !== before[t])
        .sort(),
    ).toEqual(['audit_log', 'village']);
  });

  it('the write path rolls back any write that ends with a user error, even one whose work swallowed it', async () => {
    const { id } = await village();
    const ctx = createContext(api.orm.em, testAuth, {
      viewer: await authenticate(api.orm.em, testAuth, `Bearer ${tokens.admin}`),
    });
    const before = await digest();
    const result = await mutate(ctx, villageTable, async (w) => {
      const object = await w.load(Village, 'Village', { id });
      w.track('updateVillage', 'Village', object, null);
      object.nameEn = 'Changed, then refused';
      await w.tx.flush();
      w.fail(['input', 'nameEn'], UserErrorCode.INVALID, 'refused after the change was flushed');
      try {
        w.check();
      } catch {
        // A careless work that catches its own refusal and carries on.
      }
      return object;
    });
    expect(result).toEqual({
      node: null,
      userErrors: [
        { field: ['input', 'nameEn'], code: 'INVALID', message: 'refused after the change was flushed' },
      ],
    });
    const after = await digest();
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
  });

  for (const [mutation, c] of Object.entries(cases)) {
    it(`${mutation}: a user error, and no row of any table changed`, async () => {
      const input = await c.input();
      const type = await inputType(mutation);
      const schema = await getSchema();
      const payload = schema.getMutationType()!.getFields()[mutation]!.type;
      const rowErrors = String(payload).startsWith('ImportSpreadsheet') ? ' rowErrors { message }' : '';
      const before = await digest();
      const result = await api.run(
        `mutation($input: ${type}!) { ${mutation}(input: $input) { userErrors { field code message }${rowErrors} } }`,
        { input },
        { token: c.as === 'anonymous' ? undefined : tokens.admin },
      );
      const answer = result.data?.[mutation];
      const refused =
        (result.errors?.length ?? 0) > 0 || answer?.userErrors?.length > 0 || answer?.rowErrors?.length > 0;
      expect({ mutation, refused, answer, errors: result.errors }).toMatchObject({ mutation, refused: true });
      expect(result.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
      const after = await digest();
      expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
    });
  }
});
