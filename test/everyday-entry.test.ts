import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
const tokens: Record<string, string> = {};
let town: string;

const run = async (
  mutation: string,
  inputType: string,
  key: string,
  input: Record<string, unknown>,
  token = tokens.official,
) =>
  ok(
    await api.run(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${key} { id } userErrors { field code message } } }`,
      { input },
      { token },
    ),
  )[mutation];

beforeAll(async () => {
  tokens.official = await tokenFor(api, 'entry-official', Role.OFFICIAL, 'dashuibo');
  tokens.other = await tokenFor(api, 'entry-lidao', Role.OFFICIAL, 'lidao');
  tokens.admin = await tokenFor(api, 'entry-admin', Role.ADMIN);
  tokens.partner = await tokenFor(api, 'entry-partner', Role.PARTNER);
  town = ok(await api.run('{ region(code: "dashuibo") { id } }')).region.id;
});

describe('readable consent fields', () => {
  let talent: string;
  beforeAll(async () => {
    const created = await run('createTalent', 'CreateTalentInput', 'talent', {
      townId: town,
      displayName: '同意甲',
      fullName: '同意甲全名',
      settlement: 'RESIDENT',
      publicProfile: true,
      contactConsent: true,
    });
    expect(created.userErrors).toEqual([]);
    talent = created.talent.id;
  });

  const read = async (token?: string) =>
    ok(
      await api.run(
        'query($id: ID!) { node(id: $id) { ... on Talent { publicProfile contactConsent } } }',
        { id: talent },
        token ? { token } : {},
      ),
    ).node;

  it('shows them to the officials of the talent’s region and to admins', async () => {
    expect(await read(tokens.official)).toEqual({ publicProfile: true, contactConsent: true });
    expect(await read(tokens.admin)).toEqual({ publicProfile: true, contactConsent: true });
  });

  it('hides them from everyone else, who may not write them', async () => {
    expect(await read(tokens.other)).toEqual({ publicProfile: null, contactConsent: null });
    expect(await read(tokens.partner)).toEqual({ publicProfile: null, contactConsent: null });
    expect(await read()).toEqual({ publicProfile: null, contactConsent: null });
  });

  it('reads back what an update wrote', async () => {
    const version = ok(
      await api.run(
        'query($id: ID!) { node(id: $id) { ... on Talent { version } } }',
        { id: talent },
        { token: tokens.official },
      ),
    ).node.version;
    const updated = await run('updateTalent', 'UpdateTalentInput', 'talent', {
      id: talent,
      version,
      contactConsent: false,
    });
    expect(updated.userErrors).toEqual([]);
    expect(await read(tokens.official)).toEqual({ publicProfile: true, contactConsent: false });
  });
});

const IMPORT = `mutation($input: ImportSpreadsheetInput!) {
  importSpreadsheet(input: $input) { rows created updated unchanged rowErrors { row column message } userErrors { field code message } }
}`;
const importCsv = async (csv: string, kind: string, token = tokens.official) =>
  ok(
    await api.run(
      IMPORT,
      {
        input: {
          kind,
          format: 'CSV',
          contentBase64: Buffer.from(csv).toString('base64'),
          regionCode: 'dashuibo',
        },
      },
      { token },
    ),
  ).importSpreadsheet;
const count = async (sql: string, params: unknown[] = []) =>
  (await api.sql(`select count(*)::int as n from ${sql}`, params))[0].n as number;

describe('phone numbers', () => {
  it('stores a valid number in E.164, reading one without a country code as Chinese', async () => {
    const created = await run('createTalent', 'CreateTalentInput', 'talent', {
      townId: town,
      displayName: '电话甲',
      fullName: '电话甲',
      settlement: 'RESIDENT',
      phone: ' 138 0013 8000 ',
    });
    expect(created.userErrors).toEqual([]);
    expect((await api.sql("select phone from talent where full_name = '电话甲'"))[0].phone).toBe(
      '+8613800138000',
    );
  });

  it.each(['abc', '123', '+86 138', '1'.repeat(41)])(
    'refuses %j with a userError and writes nothing',
    async (phone) => {
      const created = await run('createTalent', 'CreateTalentInput', 'talent', {
        townId: town,
        displayName: '电话乙',
        fullName: '电话乙',
        settlement: 'RESIDENT',
        phone,
      });
      expect(created.talent).toBeNull();
      expect(created.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'phone'], code: 'INVALID' }),
      ]);
      expect(await count("talent where full_name = '电话乙'")).toBe(0);
    },
  );

  it('refuses a bad phone in an update, leaving the stored one', async () => {
    const [row] = await api.sql("select id, version from talent where full_name = '电话甲'");
    const updated = await run('updateTalent', 'UpdateTalentInput', 'talent', {
      id: Buffer.from(`Talent:${row.id}`).toString('base64url'),
      version: row.version,
      phone: 'abc',
    });
    expect(updated.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'phone'], code: 'INVALID' }),
    ]);
    expect((await api.sql("select phone from talent where full_name = '电话甲'"))[0].phone).toBe(
      '+8613800138000',
    );
  });

  it('applies the same rule to spreadsheet rows', async () => {
    const result = await importCsv(
      ['公开名,姓名,落户方式,电话', '表电甲,表电甲,扎根,0631-7654321', '表电乙,表电乙,扎根,abc'].join('\n'),
      'TALENTS',
    );
    expect(result.rowErrors).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringContaining('phone') }),
    ]);
    expect(await count("talent where full_name in ('表电甲', '表电乙')")).toBe(0);
  });
});

describe('duplicates and ambiguous matches refused', () => {
  const talent = (extra: Record<string, unknown> = {}) =>
    run('createTalent', 'CreateTalentInput', 'talent', {
      townId: town,
      displayName: '重名甲',
      fullName: '重名甲全名',
      settlement: 'RESIDENT',
      ...extra,
    });

  it('warns of a talent of the same name in the same town, naming it, and writes nothing', async () => {
    const first = await talent();
    expect(first.userErrors).toEqual([]);
    const before = await count('talent');
    for (const extra of [
      {},
      { fullName: '另一全名' },
      { displayName: '另一名', fullName: '重名甲全名' },
      { confirmDuplicate: false },
    ]) {
      const again = await talent(extra);
      expect(again.talent).toBeNull();
      expect(again.userErrors).toEqual([
        expect.objectContaining({ code: 'DUPLICATE', message: expect.stringContaining(first.talent.id) }),
      ]);
    }
    expect(await count('talent')).toBe(before);
  });

  it('records a confirmed duplicate, and the same name in another town without a warning', async () => {
    const confirmed = await talent({ confirmDuplicate: true });
    expect(confirmed.userErrors).toEqual([]);
    const lidao = ok(await api.run('{ region(code: "lidao") { id } }')).region.id;
    const elsewhere = await run(
      'createTalent',
      'CreateTalentInput',
      'talent',
      { townId: lidao, displayName: '重名甲', fullName: '重名甲全名', settlement: 'RESIDENT' },
      tokens.other,
    );
    expect(elsewhere.userErrors).toEqual([]);
  });

  it('refuses confirmDuplicate on an update (no such field) and a non-boolean one', async () => {
    const errors = (
      await api.run(
        'mutation($input: CreateTalentInput!) { createTalent(input: $input) { talent { id } } }',
        {
          input: {
            townId: town,
            displayName: 'x',
            fullName: 'x',
            settlement: 'RESIDENT',
            confirmDuplicate: 'yes',
          },
        },
        { token: tokens.official },
      )
    ).errors;
    expect(errors?.length).toBeGreaterThan(0);
    const update = await api.run(
      'mutation { updateTalent(input: { id: "x", version: 1, confirmDuplicate: true }) { talent { id } } }',
      {},
      { token: tokens.official },
    );
    expect(update.errors?.[0].message).toMatch(/confirmDuplicate/);
  });

  it('makes an import row that matches two talents by name a row error, changing neither', async () => {
    // Two talents of one full name (the second confirmed), then a sheet that names that full name.
    const result = await importCsv(
      ['公开名,姓名,落户方式,领域', '重名乙,重名甲全名,扎根,改动'].join('\n'),
      'TALENTS',
    );
    expect(result.rowErrors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('more than one') }),
    ]);
    expect(result.updated).toBe(0);
    expect(await count("talent where full_name = '重名甲全名' and field = '改动'")).toBe(0);
  });

  it('makes an investment row naming an ambiguous talent a row error', async () => {
    const project = (
      await api.sql(
        "select p.name_zh from project p join region r on r.id = p.town_id where r.code = 'dashuibo' and p.archived_at is null limit 1",
      )
    )[0].name_zh;
    const investor = (await api.sql('select name_zh from organization where archived_at is null limit 1'))[0]
      .name_zh;
    const before = await count('investment');
    const result = await importCsv(
      ['项目,投资方,金额,引进人才', `${project},${investor},100,重名甲`].join('\n'),
      'INVESTMENTS',
    );
    expect(result.rowErrors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('more than one') }),
    ]);
    expect(await count('investment')).toBe(before);
  });
});

describe('themes by code or name', () => {
  let village: string;
  const set = (themeCode: unknown, name = 'addVillageTheme') =>
    api.run(
      `mutation($input: VillageThemeInput!) { ${name}(input: $input) { village { themes { code } } userErrors { field code message } } }`,
      { input: { villageId: village, themeCode } },
      { token: tokens.official },
    );
  beforeAll(async () => {
    const created = ok(
      await api.run(
        'mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id themes { code } } userErrors { field code message } } }',
        {
          input: {
            townId: town,
            nameZh: '录入主题测试村',
            nameEn: 'Entry Theme Village',
            themeCodes: ['琴', ' Tea '],
          },
        },
        { token: tokens.official },
      ),
    ).createVillage;
    expect(created.userErrors).toEqual([]);
    expect(created.village.themes.map((t: any) => t.code).sort()).toEqual(['tea', 'zither']);
    village = created.village.id;
  });

  it('takes a theme by its Chinese name, its English name or its code', async () => {
    expect(
      ok(await set('诗'))
        .addVillageTheme.village.themes.map((t: any) => t.code)
        .sort(),
    ).toEqual(['poetry', 'tea', 'zither']);
    expect(ok(await set('TEA', 'removeVillageTheme')).removeVillageTheme.userErrors).toEqual([]);
    expect(ok(await set('poetry', 'removeVillageTheme')).removeVillageTheme.village.themes).toEqual([
      { code: 'zither' },
    ]);
  });

  it('refuses an unknown theme, listing the valid codes and names, and changes nothing', async () => {
    for (const value of ['咖啡', '', 'x'.repeat(5000)]) {
      const result = ok(await set(value)).addVillageTheme;
      expect(result.village).toBeNull();
      expect(result.userErrors).toEqual([
        expect.objectContaining({
          code: 'NOT_FOUND',
          message: expect.stringMatching(/tea \(茶, Tea\).*zither \(琴, /),
        }),
      ]);
    }
    const same = ok(
      await api.run(
        'mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id } userErrors { code } } }',
        {
          input: {
            townId: town,
            nameZh: '录入主题测试村二',
            nameEn: 'Entry Theme Two',
            themeCodes: ['茶', 'tea'],
          },
        },
        { token: tokens.official },
      ),
    ).createVillage;
    expect(same).toEqual({ village: null, userErrors: [{ code: 'INVALID' }] });
    expect(await count("village where name_zh = '录入主题测试村二'")).toBe(0);
  });
});

describe('investors from anywhere', () => {
  it('records an investment whose investor is based outside the official’s region, but does not let the official change that investor', async () => {
    const [project] = await api.sql(
      "select p.id from project p join region r on r.id = p.town_id where r.code = 'dashuibo' and p.archived_at is null limit 1",
    );
    const [org] = await api.sql(
      "insert into organization (name_zh, name_en, kind, region_id) select '外地投资方', 'Outside Investor', (select kind from organization limit 1), id from region where code = 'lidao' returning id, version",
    );
    const investorId = Buffer.from(`Organization:${org.id}`).toString('base64url');
    const created = await run('createInvestment', 'CreateInvestmentInput', 'investment', {
      projectId: Buffer.from(`Project:${project.id}`).toString('base64url'),
      investorId,
      amount: '1000',
    });
    expect(created.userErrors).toEqual([]);
    expect(created.investment.id).toBeTruthy();
    const change = await api.run(
      'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } userErrors { code } } }',
      { input: { id: investorId, version: org.version, nameZh: '改名' } },
      { token: tokens.official },
    );
    expect(change.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count("organization where name_zh = '外地投资方'")).toBe(1);
  });
});
