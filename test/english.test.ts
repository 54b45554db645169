import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GraphQLEnumType, getNamedType, isEnumType, isInterfaceType, isObjectType } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Q1, Q2 } from '../scripts/bench/limit-sql.js';
import { labelsOf } from '../src/db/enum.js';
import { Locale } from '../src/graphql/locale.js';
import { getSchema } from '../src/graphql/schema.js';
import { Settlement } from '../src/modules/talent/talent.entity.js';
import { Role } from '../src/modules/user/user.entity.js';
import { createApollo, createHttpServer } from '../src/server.js';
import { ok, operation, testAuth, tokenFor, useApi } from './helpers.js';

/** The demo dataset, read only: its figures stay exact. */
const api = useApi();
/** The database of the tests that write. */
const w = useApi({ writes: true });

const LI_JIUTAI = `query($locale: Locale) {
  talents(where: { displayName: { eq: "李久太" } }) {
    nodes { title field titleIn: title(locale: $locale) fieldIn: field(locale: $locale) }
  }
}`;
const DONGSHAN_HOUSES = `query($locale: Locale) {
  ruralHouses(first: 5, where: { village: { name: { eq: "东山村" } } }) {
    nodes { address addressIn: address(locale: $locale) }
  }
}`;

describe('English forms of titles, fields and addresses', () => {
  it('answers the form of the locale argument, else of the request, Chinese by default', async () => {
    const zh = ok(await api.run(LI_JIUTAI, { locale: 'EN' })).talents.nodes[0];
    expect(zh).toEqual({
      title: '清华大学建筑学博士',
      field: '建筑学',
      titleIn: 'PhD in Architecture, Tsinghua University',
      fieldIn: 'Architecture',
    });
    const en = ok(await api.run(LI_JIUTAI, { locale: 'ZH' }, { locale: Locale.EN })).talents.nodes[0];
    expect(en).toEqual({
      title: 'PhD in Architecture, Tsinghua University',
      field: 'Architecture',
      titleIn: '清华大学建筑学博士',
      fieldIn: '建筑学',
    });
    const houses = ok(await api.run(DONGSHAN_HOUSES, { locale: 'EN' })).ruralHouses.nodes;
    expect(houses.length).toBe(5);
    for (const h of houses) {
      const n = /^东山村(\d+)号$/.exec(h.address)?.[1];
      expect(n, h.address).toBeDefined();
      expect(h.addressIn).toBe(`No. ${n}, Dongshan Village`);
    }
  });

  it('gives every demo talent an English title and field and every demo house an English address', async () => {
    const [missing] = await api.sql(`select
      (select count(*)::int from talent where title is not null and coalesce(title_en, '') = '') as titles,
      (select count(*)::int from talent where field is not null and coalesce(field_en, '') = '') as fields,
      (select count(*)::int from rural_house where address_en is null) as addresses,
      (select count(*)::int from rural_house) as houses`);
    expect(missing).toMatchObject({ titles: 0, fields: 0, addresses: 0 });
    expect(missing.houses).toBeGreaterThan(400);
  });

  it('reads the English forms in the same statements as the Chinese ones', async () => {
    const list = (locale: string) =>
      api.run(
        `{ talents(first: 50) { nodes { displayName title${locale} field${locale} } } ruralHouses(first: 50) { nodes { address${locale} } } }`,
      );
    const chinese = await list('');
    const english = await list('(locale: EN)');
    ok(english);
    expect(english.statements).toBe(chinese.statements);
    expect(english.statements).toBeLessThanOrEqual(2);
  });

  it('filters and searches by either language', async () => {
    const byField = async (eq: string) =>
      ok(await api.run(`{ talents(where: { field: { eq: "${eq}" } }) { nodes { displayName } } }`)).talents
        .nodes;
    expect(await byField('Architecture')).toEqual([{ displayName: '李久太' }]);
    expect(await byField('建筑学')).toEqual([{ displayName: '李久太' }]);
    const notArchitecture = ok(
      await api.run('{ talents(where: { field: { ne: "Architecture" } }) { totalCount } }'),
    ).talents.totalCount;
    const [{ n }] = await api.sql(
      "select count(*)::int as n from talent where public_profile and archived_at is null and field is distinct from '建筑学'",
    );
    expect(notArchitecture).toBe(n);
    const house = ok(
      await api.run(
        '{ ruralHouses(where: { address: { eq: "No. 3, Dongshan Village" } }) { nodes { address } } }',
      ),
    ).ruralHouses.nodes;
    expect(house).toEqual([{ address: '东山村3号' }]);
    const found = ok(
      await api.run(
        '{ search(text: "PhD in Architecture", types: [TALENT]) { node { ... on Talent { displayName } } } }',
      ),
    ).search;
    expect(found[0].node.displayName).toBe('李久太');
  });

  describe('over HTTP, by Accept-Language', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const apollo = await createApollo({ maxQueryDepth: 12, log: () => {} });
      server = createHttpServer({ apollo, em: api.orm.em, auth: testAuth, log: () => {} });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const post = async (query: string, language?: string) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
        body: JSON.stringify({ query }),
      });
      expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-language');
      return ((await res.json()) as any).data;
    };

    it('answers English to English readers and Chinese to the others', async () => {
      const query =
        '{ talents(where: { displayName: { eq: "李久太" } }) { nodes { title field } } ruralHouses(first: 1, where: { address: { eq: "东山村1号" } }) { nodes { address } } enumLabels(enums: ["Settlement"]) { value label } }';
      const english = await post(query, 'en-GB,en;q=0.9,zh;q=0.5');
      expect(english.talents.nodes[0]).toEqual({
        title: 'PhD in Architecture, Tsinghua University',
        field: 'Architecture',
      });
      expect(english.ruralHouses.nodes[0].address).toBe('No. 1, Dongshan Village');
      expect(english.enumLabels[0]).toEqual({ value: 'RESIDENT', label: 'Resident' });
      for (const language of [undefined, 'zh-CN', 'en;q=0.4, zh-TW;q=0.8', 'fr']) {
        const chinese = await post(query, language);
        expect(chinese.talents.nodes[0], language).toEqual({ title: '清华大学建筑学博士', field: '建筑学' });
        expect(chinese.ruralHouses.nodes[0].address).toBe('东山村1号');
        expect(chinese.enumLabels[0]).toEqual({ value: 'RESIDENT', label: '扎根' });
      }
    });
  });
});

const CREATE_TALENT = `mutation($input: CreateTalentInput!) {
  createTalent(input: $input) {
    talent { id version title field titleEn: title(locale: EN) fieldEn: field(locale: EN) }
    userErrors { field code message }
  }
}`;
const UPDATE_TALENT = `mutation($input: UpdateTalentInput!) {
  updateTalent(input: $input) {
    talent { id version title(locale: EN) field(locale: EN) }
    userErrors { field code message }
  }
}`;
const CREATE_HOUSE = `mutation($input: CreateRuralHouseInput!) {
  createRuralHouse(input: $input) {
    ruralHouse { id version address en: address(locale: EN) }
    userErrors { field code message }
  }
}`;
const UPDATE_HOUSE = `mutation($input: UpdateRuralHouseInput!) {
  updateRuralHouse(input: $input) {
    ruralHouse { id version en: address(locale: EN) }
    userErrors { field code message }
  }
}`;

describe('writing the English forms', () => {
  let token: string;
  let lidao: string;
  let partner: string;
  let townId: string;
  let villageId: string;
  const tag = `${process.pid}`;
  const codes = (errors: { field: string[]; code: string }[]) =>
    errors.map((e) => [e.field.join('.'), e.code]).sort();
  const talentRow = (id: string) =>
    w
      .sql('select title, title_en, field, field_en, version from talent where id = ?', [
        Buffer.from(id, 'base64url').toString().split(':')[1],
      ])
      .then((rows) => rows[0]);
  const houseCount = () =>
    w
      .sql('select count(*)::int as n from rural_house where address like ?', [`英文路${tag}%`])
      .then((r) => r[0].n);

  beforeAll(async () => {
    token = await tokenFor(w, 'english-official', Role.OFFICIAL, 'dashuibo');
    lidao = await tokenFor(w, 'english-lidao', Role.OFFICIAL, 'lidao');
    partner = await tokenFor(w, 'english-partner', Role.PARTNER);
    townId = ok(await w.run('{ region(code: "dashuibo") { id } }')).region.id;
    villageId = ok(
      await w.run(
        '{ villages(first: 1, where: { name: { eq: "东山村" }, town: { code: { eq: "dashuibo" } } }) { nodes { id } } }',
      ),
    ).villages.nodes[0].id;
  });

  it('records a talent’s English title and field, and falls back to Chinese when they are cleared', async () => {
    const created = ok(
      await w.run(
        CREATE_TALENT,
        {
          input: {
            townId,
            displayName: `English ${tag}`,
            fullName: `英文${tag}`,
            settlement: 'FLEXIBLE',
            title: '教授',
            titleEn: '  Professor  ',
            field: '乡村规划',
            fieldEn: 'Rural planning',
            publicProfile: true,
          },
        },
        { token },
      ),
    ).createTalent;
    expect(created.userErrors).toEqual([]);
    expect(created.talent).toMatchObject({
      title: '教授',
      field: '乡村规划',
      titleEn: 'Professor',
      fieldEn: 'Rural planning',
    });
    const cleared = ok(
      await w.run(
        UPDATE_TALENT,
        { input: { id: created.talent.id, version: 1, titleEn: null, fieldEn: '' } },
        { token },
      ),
    ).updateTalent;
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.talent).toMatchObject({ version: 2, title: '教授', field: '乡村规划' });
    expect(await talentRow(created.talent.id)).toMatchObject({ title_en: null, field_en: '' });
  });

  it('refuses English forms that are too long or of the wrong type, and changes nothing', async () => {
    const talent = ok(
      await w.run(
        CREATE_TALENT,
        { input: { townId, displayName: `Long ${tag}`, fullName: `长${tag}`, settlement: 'RESIDENT' } },
        { token },
      ),
    ).createTalent.talent;
    const before = await talentRow(talent.id);
    const refused = ok(
      await w.run(
        UPDATE_TALENT,
        { input: { id: talent.id, version: 1, titleEn: 'x'.repeat(201), fieldEn: 'y'.repeat(101) } },
        { token },
      ),
    ).updateTalent;
    expect(refused.talent).toBeNull();
    expect(codes(refused.userErrors)).toEqual([
      ['input.fieldEn', 'INVALID'],
      ['input.titleEn', 'INVALID'],
    ]);
    const wrongType = await w.run(
      UPDATE_TALENT,
      { input: { id: talent.id, version: 1, titleEn: 42 } },
      { token },
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inline = await w.run(
      `mutation { updateTalent(input: { id: "${talent.id}", version: 1, fieldEn: ["a"] }) { talent { id } } }`,
      {},
      { token },
    );
    expect(inline.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const created = ok(
      await w.run(
        CREATE_TALENT,
        {
          input: {
            townId,
            displayName: `Long2 ${tag}`,
            fullName: `长二${tag}`,
            settlement: 'RESIDENT',
            titleEn: 'z'.repeat(201),
          },
        },
        { token },
      ),
    ).createTalent;
    expect(codes(created.userErrors)).toEqual([['input.titleEn', 'INVALID']]);
    const [{ n }] = await w.sql('select count(*)::int as n from talent where full_name = ?', [`长二${tag}`]);
    expect(n).toBe(0);
    expect(await talentRow(talent.id)).toEqual(before);
  });

  it('records a house’s English address, unique in its village, never empty, and only where the caller governs', async () => {
    const house = (address: string, addressEn?: unknown, as = token) =>
      w.run(CREATE_HOUSE, { input: { villageId, address, addressEn, floorAreaM2: '90' } }, { token: as });
    const first = ok(await house(`英文路${tag}-1号`, `No. 1, English Road ${tag}`)).createRuralHouse;
    expect(first.userErrors).toEqual([]);
    expect(first.ruralHouse).toMatchObject({ address: `英文路${tag}-1号`, en: `No. 1, English Road ${tag}` });
    const plain = ok(await house(`英文路${tag}-2号`)).createRuralHouse.ruralHouse;
    expect(plain.en).toBe(`英文路${tag}-2号`);
    const count = await houseCount();

    const taken = ok(await house(`英文路${tag}-3号`, `No. 1, English Road ${tag}`)).createRuralHouse;
    expect(codes(taken.userErrors)).toEqual([['input.addressEn', 'TAKEN']]);
    const empty = ok(await house(`英文路${tag}-3号`, '   ')).createRuralHouse;
    expect(codes(empty.userErrors)).toEqual([['input.addressEn', 'INVALID']]);
    const long = ok(await house(`英文路${tag}-3号`, 'a'.repeat(201))).createRuralHouse;
    expect(codes(long.userErrors)).toEqual([['input.addressEn', 'INVALID']]);
    expect((await house(`英文路${tag}-3号`, { en: 'object' })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    for (const as of [lidao, partner]) {
      const result = await house(`英文路${tag}-4号`, `No. 4, English Road ${tag}`, as);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await w.run(CREATE_HOUSE, {
      input: { villageId, address: `英文路${tag}-4号`, addressEn: 'x', floorAreaM2: '90' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect(await houseCount()).toBe(count);

    const moved = ok(
      await w.run(
        UPDATE_HOUSE,
        { input: { id: plain.id, version: plain.version, addressEn: `No. 1, English Road ${tag}` } },
        { token },
      ),
    ).updateRuralHouse;
    expect(codes(moved.userErrors)).toEqual([['input.addressEn', 'TAKEN']]);
    const named = ok(
      await w.run(
        UPDATE_HOUSE,
        { input: { id: plain.id, version: plain.version, addressEn: `No. 2, English Road ${tag}` } },
        { token },
      ),
    ).updateRuralHouse;
    expect(named).toMatchObject({ userErrors: [], ruralHouse: { en: `No. 2, English Road ${tag}` } });
    const cleared = ok(
      await w.run(
        UPDATE_HOUSE,
        { input: { id: plain.id, version: named.ruralHouse.version, addressEn: null } },
        { token },
      ),
    ).updateRuralHouse;
    expect(cleared.ruralHouse.en).toBe(`英文路${tag}-2号`);
  });
});

describe('spreadsheets with the English forms', () => {
  let token: string;
  let server: Server;
  let base: string;
  const tag = `${process.pid}`;
  const IMPORT = `mutation($input: ImportSpreadsheetInput!) {
    importSpreadsheet(input: $input) { created updated unchanged rowErrors { row column message } userErrors { field code } }
  }`;
  const importCsv = (csv: string, kind: string) =>
    w
      .run(
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
      )
      .then((r) => ok(r).importSpreadsheet);
  const exportCsv = async (list: string, lang: string, where: object) => {
    const res = await fetch(
      `${base}/export/${list}.csv?lang=${lang}&where=${encodeURIComponent(JSON.stringify(where))}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trim();
  };

  beforeAll(async () => {
    token = await tokenFor(w, 'english-sheets', Role.OFFICIAL, 'dashuibo');
    const apollo = await createApollo({ maxQueryDepth: 12, log: () => {} });
    server = createHttpServer({ apollo, em: w.orm.em, auth: testAuth, log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('imports, exports and imports again the English title, field and address, headers in either language', async () => {
    const talents = await importCsv(
      [
        '公开名,姓名,落户方式,职称,职称（英文）,领域,Field (English),公开资料',
        `表格英文${tag},表英${tag},Flexible,教授,Professor,茶艺,Tea art,是`,
      ].join('\n'),
      'TALENTS',
    );
    expect(talents).toMatchObject({ created: 1, rowErrors: [], userErrors: [] });
    const where = { displayName: { eq: `表格英文${tag}` } };
    const en = await exportCsv('talents', 'en', where);
    const [enHeader, enRow] = en.split('\n');
    expect(enHeader).toBe(
      'Town,Display name,Full name,Settlement,Degree,Title,Title (English),Field,Field (English),Origin city,Arrived on,Phone,E-mail,Public profile,Contact consent',
    );
    expect(enRow).toBe(`dashuibo,表格英文${tag},表英${tag},FLEXIBLE,,教授,Professor,茶艺,Tea art,,,,,yes,no`);
    const zh = await exportCsv('talents', 'zh', where);
    expect(zh.split('\n')[0]).toContain('职称,职称（英文）,领域,领域（英文）');
    expect(zh.split('\n')[1]).toContain(',柔性,');
    // The exports read back as they are: nothing changes.
    expect(await importCsv(en, 'TALENTS')).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    expect(await importCsv(zh, 'TALENTS')).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    expect(await importCsv(en.replace('Professor', 'Visiting Professor'), 'TALENTS')).toMatchObject({
      updated: 1,
      rowErrors: [],
    });
    const [row] = await w.sql('select title_en, field_en from talent where display_name = ?', [
      `表格英文${tag}`,
    ]);
    expect(row).toEqual({ title_en: 'Visiting Professor', field_en: 'Tea art' });

    const houses = await importCsv(
      [
        'Village,Address,Address (English),Floor area (m2),Status',
        `东山村,表英路${tag}号,No. 1 Sheet Road ${tag},88,In use`,
      ].join('\n'),
      'HOUSES',
    );
    expect(houses).toMatchObject({ created: 1, rowErrors: [] });
    const leases = await importCsv(
      [
        'Village,Address,Tenant type,Tenant,Mode,Starts on,Ends on',
        `Dongshan Village,No. 1 Sheet Road ${tag},Talent,表格英文${tag},Self-run,2023-01-01,2030-12-31`,
      ].join('\n'),
      'LEASES',
    );
    expect(leases).toMatchObject({ created: 1, rowErrors: [] });
    const leaseWhere = { house: { address: { eq: `表英路${tag}号` } } };
    expect((await exportCsv('leases', 'en', leaseWhere)).split('\n')[1]).toBe(
      `Dongshan Village,No. 1 Sheet Road ${tag},TALENT,表格英文${tag},SELF_RUN,2023-01-01,2030-12-31,`,
    );
    expect((await exportCsv('leases', 'zh', leaseWhere)).split('\n')[1]).toBe(
      `东山村,表英路${tag}号,人才,表格英文${tag},自营,2023-01-01,2030-12-31,`,
    );
    expect((await exportCsv('ruralHouses', 'zh', leaseWhere.house)).split('\n')).toEqual([
      '村,地址,地址（英文）,建筑面积,状态,用途,产权户,改建日期',
      `东山村,表英路${tag}号,No. 1 Sheet Road ${tag},88.00,已投用,,,`,
    ]);
  });

  it('refuses a sheet whose English forms break the rules, writing none of it', async () => {
    const result = await importCsv(
      [
        'Display name,Full name,Settlement,Title (English)',
        `Sheet ok ${tag},表好${tag},RESIDENT,Fine`,
        `Sheet long ${tag},表长${tag},RESIDENT,${'t'.repeat(201)}`,
      ].join('\n'),
      'TALENTS',
    );
    expect(result.rowErrors).toEqual([
      { row: 3, column: 'Title (English)', message: 'titleEn is longer than 200 characters' },
    ]);
    const houses = await importCsv(
      [
        '村,地址,地址（英文）,建筑面积',
        `东山村,表重一${tag}号,No. 9 Twice ${tag},80`,
        `东山村,表重二${tag}号,No. 9 Twice ${tag},80`,
      ].join('\n'),
      'HOUSES',
    );
    expect(houses.rowErrors).toEqual([
      { row: 3, column: '地址（英文）', message: expect.stringContaining(`No. 9 Twice ${tag}`) },
    ]);
    const [{ n }] = await w.sql('select count(*)::int as n from talent where full_name in (?, ?)', [
      `表好${tag}`,
      `表长${tag}`,
    ]);
    const [{ m }] = await w.sql('select count(*)::int as m from rural_house where address_en = ?', [
      `No. 9 Twice ${tag}`,
    ]);
    expect([n, m]).toEqual([0, 0]);
  });
});

describe('enum labels', () => {
  /** The enums made per list from its fields: sort fields and grouping dimensions, named by their values. */
  const GENERATED = /(OrderField|GroupBy|GroupOrder)$/;

  it('labels every value of every enum of the schema in English and Chinese (but the generated sort and grouping enums)', async () => {
    const schema = await getSchema();
    const labelled = new Map<string, string>(
      ok(await api.run('{ enumLabels(locale: EN) { enum value label } }')).enumLabels.map((l: any) => [
        `${l.enum}.${l.value}`,
        l.label,
      ]),
    );
    const chinese = new Map<string, string>(
      ok(await api.run('{ enumLabels(locale: ZH) { enum value label } }')).enumLabels.map((l: any) => [
        `${l.enum}.${l.value}`,
        l.label,
      ]),
    );
    const enums = Object.values(schema.getTypeMap()).filter(
      (t) => isEnumType(t) && !t.name.startsWith('__'),
    ) as GraphQLEnumType[];
    const unlabelled: string[] = [];
    for (const type of enums) {
      if (GENERATED.test(type.name)) continue;
      for (const value of type.getValues()) {
        const key = `${type.name}.${value.name}`;
        const [en, zh] = [labelled.get(key), chinese.get(key)];
        if (!en || !zh || !/^[\x20-\x7e’—…]+$/.test(en) || !/\p{Script=Han}/u.test(zh)) unlabelled.push(key);
        // The schema describes the value in both languages.
        else if (!value.description?.startsWith(`${en} — ${zh}`)) unlabelled.push(`${key} (description)`);
      }
    }
    expect(unlabelled).toEqual([]);
    // Every value the API answers (an enum some object field returns) has labels: none of them is generated.
    const answered = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isEnumType(named)) answered.add(named.name);
      }
    }
    expect([...answered].filter((name) => GENERATED.test(name))).toEqual([]);
    expect(answered.size).toBeGreaterThan(15);
    // No two values of an enum share a label (a spreadsheet cell names a value by either).
    for (const type of enums) {
      for (const words of [labelled, chinese]) {
        const labels = type.getValues().map((v) => words.get(`${type.name}.${v.name}`));
        if (labels[0] !== undefined) expect(new Set(labels).size, type.name).toBe(labels.length);
      }
    }
  });

  it('answers the labels of the enums asked for in one language, each enum’s values in their order, costing no SQL', async () => {
    const asked = await api.run(
      '{ enumLabels(enums: ["Settlement", "HouseStatus", "Settlement"], locale: EN) { enum value label description } }',
    );
    const labels = ok(asked).enumLabels;
    expect(asked.statements).toBe(0);
    expect(labels.slice(0, 3)).toEqual([
      {
        enum: 'Settlement',
        value: 'RESIDENT',
        label: 'Resident',
        description: 'lives and works in the town',
      },
      {
        enum: 'Settlement',
        value: 'FLEXIBLE',
        label: 'Flexible',
        description: 'works with the town from elsewhere',
      },
      { enum: 'Settlement', value: 'DEPARTED', label: 'Departed', description: 'has left the town' },
    ]);
    expect(labels.slice(3).map((l: any) => [l.value, l.label, l.description])).toEqual([
      ['IDLE', 'Idle', null],
      ['TRANSFERRED', 'Transferred', null],
      ['RENOVATING', 'Being renovated', null],
      ['RENOVATED', 'Renovated', null],
      ['IN_USE', 'In use', null],
    ]);
    const zh = ok(
      await api.run(
        '{ enumLabels(enums: ["Settlement"]) { value label description } }',
        {},
        { locale: Locale.ZH },
      ),
    ).enumLabels;
    expect(zh[0]).toEqual({ value: 'RESIDENT', label: '扎根', description: '在本镇定居工作' });
    const byRequest = ok(
      await api.run('{ enumLabels(enums: ["Degree"]) { label } }', {}, { locale: Locale.EN }),
    ).enumLabels;
    expect(byRequest.map((l: any) => l.label)).toEqual([
      'Doctorate',
      'Master’s degree',
      'Bachelor’s degree',
      'Other',
    ]);
    // The same words as where the enum is declared.
    expect(labelsOf(Settlement)?.map((l) => l.zh)).toEqual(['扎根', '柔性', '离开']);
  });

  it('refuses names of no labelled enum, and too many names, with a coded error naming the entry', async () => {
    const refused = async (enums: unknown) => {
      const r = await api.run('query($e: [String!]) { enumLabels(enums: $e) { value } }', { e: enums });
      return r.errors?.[0];
    };
    for (const [enums, field] of [
      [['Settlement', 'Nope'], 'enums[1]'],
      [['TalentOrderField'], 'enums[0]'],
      [['Talent'], 'enums[0]'],
      [['__TypeKind'], 'enums[0]'],
      [['x'.repeat(10_000)], 'enums[0]'],
      [Array(101).fill('Settlement'), 'enums'],
    ] as const) {
      const error = await refused(enums);
      expect(error?.extensions?.code, String(enums[0]).slice(0, 20)).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field).toBe(field);
      expect(error!.message.length).toBeLessThan(200);
    }
    expect((await refused([1, 2]))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refused('Settlement'))?.extensions?.code).toBeUndefined();
    expect(ok(await api.run('{ enumLabels(enums: []) { value } }')).enumLabels).toEqual([]);
  });
});

describe('the benchmark’s one-SQL limit', () => {
  /** The API's cursor signature of the village list in its default order (as limit-server.ts). */
  const villageSignature = createHash('sha1')
    .update('Village|t.name_zh:ASC,t.id:ASC')
    .digest('base64url')
    .slice(0, 8);
  const limit = async (text: string, values: unknown[]) => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      return JSON.parse((await client.query<{ body: string }>(text, values)).rows[0]!.body);
    } finally {
      await client.end();
    }
  };

  it('answers Q1 and Q2 on the demo data as the API does, with the text fields in the request’s language', async () => {
    const q1 = { town: 'dashuibo', theme: 'tea', first: 20, locale: 'EN' };
    const api1 = await api.run(operation('ShowcaseVillages'), q1);
    expect(api1.data.villages.totalCount).toBeGreaterThan(0);
    expect(await limit(Q1, [q1.town, q1.theme, q1.first, q1.locale, villageSignature])).toEqual({
      data: api1.data,
    });
    const talents = await api.sql(
      "select id from talent where public_profile and display_name in ('李久太', '李林') or id in (select id from talent where public_profile and title is not null order by id limit 5)",
    );
    expect(talents.length).toBeGreaterThan(3);
    for (const { id } of talents) {
      const gid = Buffer.from(`Talent:${id}`).toString('base64url');
      const api2 = await api.run(operation('TalentProfile'), { id: gid });
      expect(await limit(Q2, [id, 'ZH'])).toEqual({ data: api2.data });
    }
  });
});
