import { beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../src/db/orm.js';
import { parseGlobalId } from '../src/graphql/ids.js';
import { fallbackSlug, RESERVED_SLUGS, SLUG_PATTERN, slugOf, uniqueSlug } from '../src/modules/slug/slug.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, scratchDatabase, sqlOn, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
const t: Record<string, string> = {};
const towns: Record<string, string> = {};

const VILLAGE = `query($slug: String!) { village(slug: $slug) { id slug name(locale: ZH) town { code } } }`;
const CREATE = `mutation($input: CreateVillageInput!) {
  createVillage(input: $input) { village { id version slug } userErrors { field code message } }
}`;
const UPDATE = `mutation($input: UpdateVillageInput!) {
  updateVillage(input: $input) { village { id version slug } userErrors { field code message } }
}`;

/** Creates a village in `town` as the official `token`, answering the payload. */
async function createVillage(town: string, input: Record<string, unknown>, token = t.admin) {
  return ok(await api.run(CREATE, { input: { townId: towns[town], ...input } }, { token })).createVillage;
}

async function updateVillage(
  village: { id: string; version: number },
  input: Record<string, unknown>,
  token = t.admin,
) {
  return ok(
    await api.run(UPDATE, { input: { id: village.id, version: village.version, ...input } }, { token }),
  ).updateVillage;
}

const lookup = async (slug: string, token?: string) =>
  ok(await api.run(VILLAGE, { slug }, token ? { token } : {})).village;

beforeAll(async () => {
  t.admin = await tokenFor(api, 'slugs-admin', Role.ADMIN);
  t.dashuibo = await tokenFor(api, 'slugs-official-dashuibo', Role.OFFICIAL, 'dashuibo');
  t.lidao = await tokenFor(api, 'slugs-official-lidao', Role.OFFICIAL, 'lidao');
  for (const code of ['dashuibo', 'lidao']) {
    towns[code] = ok(await api.run(`{ region(code: "${code}") { id } }`)).region.id;
  }
});

describe('slugs made from names', () => {
  it('are the Chinese name in pinyin without tones, words joined by dashes, ASCII only', () => {
    expect(slugOf('大水泊镇')).toBe('da-shui-bo-zhen');
    expect(slugOf('东山村')).toBe('dong-shan-cun');
    expect(slugOf('绿园村')).toBe('lv-yuan-cun');
    expect(slugOf('ＡＢ１２合作社')).toBe('ab12-he-zuo-she');
    expect(slugOf('Café 2号院')).toBe('cafe-2-hao-yuan');
    expect(slugOf('🏡🏡', 'Garden House')).toBe('garden-house');
    expect(slugOf('🏡')).toBe('item');
    const long = slugOf('长'.repeat(60));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(SLUG_PATTERN);
  });

  it('take the first free of base, base-2, base-3, … and never a reserved word', async () => {
    const used = new Set(['dong-shan-cun', 'dong-shan-cun-2']);
    expect(await uniqueSlug('dong-shan-cun', (s) => used.has(s))).toBe('dong-shan-cun-3');
    expect(await uniqueSlug('new', () => false)).toBe('new-2');
    expect(await uniqueSlug('a'.repeat(80), (s) => s === 'a'.repeat(80))).toBe(`${'a'.repeat(78)}-2`);
  });

  it('of the demo data: each village, project and union organisation has a unique one', async () => {
    const villages = ok(
      await api.run(
        '{ villages(first: 100, where: { town: { code: { eq: "dashuibo" } } }) { nodes { slug name(locale: ZH) } } }',
      ),
    ).villages.nodes as { slug: string; name: string }[];
    const byName = Object.fromEntries(villages.map((v) => [v.name, v.slug]));
    expect(byName).toMatchObject({
      东山村: 'dong-shan-cun',
      王家庄村: 'wang-jia-zhuang-cun',
      李家疃村: 'li-jia-tuan-cun',
    });
    for (const table of ['village', 'project', 'union_organization']) {
      const [row] = await api.sql(
        `select count(*)::int as n, count(distinct slug)::int as distinct, bool_and(slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80) as valid from ${table}`,
      );
      expect(row.n).toBeGreaterThan(0);
      expect(row).toMatchObject({ n: row.distinct, valid: true });
    }
  });

  it('of themes are their codes', async () => {
    const data = ok(
      await api.run(
        '{ themes(where: { slug: { eq: "tea" } }) { nodes { code slug } } theme(code: "tea") { slug } }',
      ),
    );
    expect(data.themes.nodes).toEqual([{ code: 'tea', slug: 'tea' }]);
    expect(data.theme.slug).toBe('tea');
  });
});

describe('lookups by slug', () => {
  it('find a demo village, project and union organisation, anonymously', async () => {
    expect(await lookup('dong-shan-cun')).toMatchObject({
      slug: 'dong-shan-cun',
      name: '东山村',
      town: { code: 'dashuibo' },
    });
    const [project] = await api.sql(
      "select slug, name_zh from project where slug not like 'project-%' order by slug limit 1",
    );
    const [union] = await api.sql(
      "select slug, name_zh from union_organization where slug not like 'union-%' order by slug limit 1",
    );
    const data = ok(
      await api.run(
        'query($p: String!, $u: String!) { project(slug: $p) { slug name(locale: ZH) } unionOrganization(slug: $u) { slug name(locale: ZH) } }',
        { p: project.slug, u: union.slug },
      ),
    );
    expect(data.project).toEqual({ slug: project.slug, name: project.name_zh });
    expect(data.unionOrganization).toEqual({ slug: union.slug, name: union.name_zh });
  });

  it('answer the README’s example: a village page by its slug', async () => {
    const data = ok(
      await api.run(`query VillagePage {
        village(slug: "dong-shan-cun") {
          id
          slug
          name(locale: EN)
          themes { code slug name(locale: EN) }
          projects(first: 5) { nodes { slug name(locale: EN) } }
        }
      }`),
    );
    expect(data.village).toMatchObject({ slug: 'dong-shan-cun', name: 'Dongshan Village' });
    expect(data.village.themes.map((t: { code: string; slug: string }) => t.slug)).toEqual(
      data.village.themes.map((t: { code: string }) => t.code),
    );
  });

  it('filter lists by slug', async () => {
    const data = ok(
      await api.run('{ villages(where: { slug: { eq: "dong-shan-cun" } }) { nodes { name(locale: ZH) } } }'),
    );
    expect(data.villages.nodes).toEqual([{ name: '东山村' }]);
  });

  it('answer null for no such slug, and for what cannot be a slug, without asking the database', async () => {
    expect(await lookup('no-such-village')).toBeNull();
    for (const hostile of ['', 'DONG-SHAN-CUN', "x' or '1'='1", 'a'.repeat(10_000), 'new', '东山村']) {
      const result = await api.run(VILLAGE, { slug: hostile });
      expect(ok(result).village).toBeNull();
      expect(result.statements).toBe(0);
    }
  });
});

describe('slugs of new and changed villages', () => {
  it('are made unique with -2, -3 across towns (the same name is allowed in another town)', async () => {
    const second = await createVillage('lidao', { nameZh: '东山村', nameEn: 'Slugs Dongshan' }, t.lidao);
    expect(second.userErrors).toEqual([]);
    expect(second.village.slug).toBe('dong-shan-cun-2');
    const named = await createVillage('lidao', { nameZh: '新', nameEn: 'Slugs New' }, t.lidao);
    expect(named.village.slug).toBe('xin');
    const reserved = await createVillage('lidao', { nameZh: 'new', nameEn: 'Slugs Reserved' }, t.lidao);
    expect(reserved.village.slug).toBe('new-2');
  });

  it('may be given on create, checked like a change', async () => {
    const given = await createVillage(
      'dashuibo',
      { nameZh: '路标坡上村', nameEn: 'Slugs Given', slug: 'po-shang' },
      t.dashuibo,
    );
    expect(given.userErrors).toEqual([]);
    expect(given.village.slug).toBe('po-shang');
    const taken = await createVillage(
      'dashuibo',
      { nameZh: '路标坡下村', nameEn: 'Slugs Taken', slug: 'dong-shan-cun' },
      t.dashuibo,
    );
    expect(taken.village).toBeNull();
    expect(taken.userErrors).toEqual([
      {
        field: ['input', 'slug'],
        code: 'TAKEN',
        message: '"dong-shan-cun" is the slug of another village, or was',
      },
    ]);
    expect(await api.sql("select 1 from village where name_zh = '路标坡下村'")).toEqual([]);
  });

  it('are changed by an official of the town; the old slug still finds the village, showing the new one', async () => {
    const made = (
      await createVillage('dashuibo', { nameZh: '路标改名村', nameEn: 'Slugs Renamed' }, t.dashuibo)
    ).village;
    expect(made.slug).toBe('lu-biao-gai-ming-cun');
    const changed = await updateVillage(made, { slug: 'lubiao-gaiming' }, t.dashuibo);
    expect(changed.userErrors).toEqual([]);
    expect(changed.village.slug).toBe('lubiao-gaiming');
    expect(await lookup('lubiao-gaiming')).toMatchObject({ id: made.id, slug: 'lubiao-gaiming' });
    expect(await lookup('lu-biao-gai-ming-cun')).toMatchObject({ id: made.id, slug: 'lubiao-gaiming' });
    // A second change: both former slugs lead to it.
    const again = await updateVillage(changed.village, { slug: 'lubiao-gaiming-village' }, t.dashuibo);
    expect(again.village.slug).toBe('lubiao-gaiming-village');
    for (const slug of ['lu-biao-gai-ming-cun', 'lubiao-gaiming', 'lubiao-gaiming-village'])
      expect((await lookup(slug)).slug).toBe('lubiao-gaiming-village');
    // Taking back a former slug of its own is allowed; the one it leaves becomes a former one.
    const back = await updateVillage(again.village, { slug: 'lu-biao-gai-ming-cun' }, t.dashuibo);
    expect(back.userErrors).toEqual([]);
    expect(await lookup('lubiao-gaiming-village')).toMatchObject({
      id: made.id,
      slug: 'lu-biao-gai-ming-cun',
    });
    expect(
      await api.sql('select slug from former_slug where object_id = ? order by slug', [
        parseGlobalId(made.id)!.uuid,
      ]),
    ).toEqual([{ slug: 'lubiao-gaiming' }, { slug: 'lubiao-gaiming-village' }]);
    // Renaming keeps the slug: it is stable.
    const renamed = await updateVillage(back.village, { nameZh: '路标又改名村' }, t.dashuibo);
    expect(renamed.village.slug).toBe('lu-biao-gai-ming-cun');
    // The change is audited with the other fields.
    const [audit] = await api.sql(
      "select changes from audit_log where operation = 'updateVillage' and object_id = ? and changes::jsonb->'slug' is not null order by at desc limit 1",
      [parseGlobalId(made.id)!.uuid],
    );
    expect(audit?.changes.slug).toEqual({ before: 'lubiao-gaiming-village', after: 'lu-biao-gai-ming-cun' });
  });

  it('are TAKEN when another village has or had the slug; nothing is written', async () => {
    const a = (await createVillage('dashuibo', { nameZh: '路标甲村', nameEn: 'Slugs A' }, t.dashuibo))
      .village;
    const b = (await createVillage('dashuibo', { nameZh: '路标乙村', nameEn: 'Slugs B' }, t.dashuibo))
      .village;
    const moved = await updateVillage(b, { slug: 'lubiao-yi-village' }, t.dashuibo);
    expect(moved.village.slug).toBe('lubiao-yi-village');
    for (const slug of ['lubiao-yi-village', 'lu-biao-yi-cun']) {
      const refused = await updateVillage(a, { slug }, t.dashuibo);
      expect(refused.village).toBeNull();
      expect(refused.userErrors).toEqual([
        {
          field: ['input', 'slug'],
          code: 'TAKEN',
          message: `"${slug}" is the slug of another village, or was`,
        },
      ]);
    }
    expect(await lookup('lu-biao-jia-cun')).toMatchObject({ id: a.id, slug: 'lu-biao-jia-cun' });
    expect(
      await api.sql('select slug from former_slug where object_id = ?', [parseGlobalId(a.id)!.uuid]),
    ).toEqual([]);
  });

  it('refuse what is not a slug, whatever it is', async () => {
    const village = (
      await createVillage('dashuibo', { nameZh: '路标校验村', nameEn: 'Slugs Checked' }, t.dashuibo)
    ).village;
    const cases: [unknown, string][] = [
      ['Upper-Case', 'lower-case'],
      ['with space', 'lower-case'],
      ['dōng-shān', 'lower-case'],
      ['东山', 'lower-case'],
      ['-leading', 'lower-case'],
      ['trailing-', 'lower-case'],
      ['double--dash', 'lower-case'],
      ['', 'lower-case'],
      ["x'; drop table village; --", 'lower-case'],
      ['a'.repeat(81), 'at most 80'],
      ['a'.repeat(10_000), 'at most 80'],
      ['new', 'reserved'],
      [null, 'cannot be null'],
    ];
    for (const [slug, why] of cases) {
      const refused = await updateVillage(village, { slug }, t.dashuibo);
      expect(refused.village, String(slug).slice(0, 20)).toBeNull();
      expect(refused.userErrors).toHaveLength(1);
      expect(refused.userErrors[0]).toMatchObject({ field: ['input', 'slug'], code: 'INVALID' });
      expect(refused.userErrors[0].message).toContain(why);
      expect(refused.userErrors[0].message.length).toBeLessThan(200);
    }
    expect((await lookup(village.slug)).slug).toBe(village.slug);
    const fine = await updateVillage(village, { slug: 'a'.repeat(80) }, t.dashuibo);
    expect(fine.village.slug).toBe('a'.repeat(80));
  });

  it('are changed only by who may change the village', async () => {
    const village = (
      await createVillage('dashuibo', { nameZh: '路标权限村', nameEn: 'Slugs Rights' }, t.dashuibo)
    ).village;
    const outsider = await api.run(
      UPDATE,
      { input: { id: village.id, version: village.version, slug: 'outsider' } },
      { token: t.lidao },
    );
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.run(UPDATE, {
      input: { id: village.id, version: village.version, slug: 'anonymous' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await lookup('lu-biao-quan-xian-cun')).slug).toBe('lu-biao-quan-xian-cun');
  });

  it('of projects and union organisations are kept the same way', async () => {
    const project = ok(
      await api.run(
        `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version slug } userErrors { code } } }`,
        {
          input: {
            townId: towns.dashuibo,
            nameZh: '路标茶园工作站',
            nameEn: 'Slugs Station',
            kind: 'WORKSTATION',
            status: 'PLANNED',
          },
        },
        { token: t.dashuibo },
      ),
    ).createProject.project;
    expect(project.slug).toBe('lu-biao-cha-yuan-gong-zuo-zhan');
    const changed = ok(
      await api.run(
        `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { slug } userErrors { code } } }`,
        { input: { id: project.id, version: project.version, slug: 'lubiao-tea-garden-station' } },
        { token: t.dashuibo },
      ),
    ).updateProject;
    expect(changed).toEqual({ project: { slug: 'lubiao-tea-garden-station' }, userErrors: [] });
    expect(ok(await api.run('{ project(slug: "lu-biao-cha-yuan-gong-zuo-zhan") { slug } }')).project).toEqual(
      {
        slug: 'lubiao-tea-garden-station',
      },
    );
    const union = ok(
      await api.run(
        `mutation($input: CreateUnionOrganizationInput!) { createUnionOrganization(input: $input) { unionOrganization { slug } userErrors { code } } }`,
        {
          input: {
            regionId: towns.dashuibo,
            nameZh: '路标茶农工会',
            nameEn: 'Slugs Union',
            kind: 'JOINT_UNION',
          },
        },
        { token: t.dashuibo },
      ),
    ).createUnionOrganization;
    expect(union).toEqual({ unionOrganization: { slug: 'lu-biao-cha-nong-gong-hui' }, userErrors: [] });
  });

  it('find an archived village as node(id:) does; rows inserted by SQL get a fallback slug', async () => {
    const village = (
      await createVillage('dashuibo', { nameZh: '路标归档村', nameEn: 'Slugs Archived' }, t.dashuibo)
    ).village;
    ok(
      await api.run(
        'mutation($input: ArchiveInput!) { archiveVillage(input: $input) { userErrors { code } } }',
        { input: { id: village.id, version: village.version } },
        { token: t.dashuibo },
      ),
    );
    const byId = ok(await api.run('query($id: ID!) { node(id: $id) { id } }', { id: village.id })).node;
    const bySlug = await lookup('lu-biao-gui-dang-cun');
    expect(bySlug?.id ?? null).toBe(byId?.id ?? null);
    const [row] = await api.sql(
      "insert into village (town_id, name_zh, name_en) select id, '路标直插村', 'Slugs SQL' from region where code = 'lidao' returning id, slug",
    );
    // The same as an object the ORM writes without one gets (`onCreate`).
    expect(row.slug).toBe(fallbackSlug('village', row.id));
    expect(row.slug).toMatch(SLUG_PATTERN);
  });
});

describe('the migration', () => {
  it('gives the rows there are unique slugs from their names, then requires them', {
    timeout: 60_000,
  }, async () => {
    const scratch = scratchDatabase('slugs');
    const { url } = scratch;
    const run = sqlOn;
    await scratch.create();
    try {
      await (await openOrm(url.toString())).close();
      // Back to before the migration, with villages that have no slug yet.
      await run(url, [
        'drop table former_slug',
        ...['village', 'project', 'union_organization', 'theme'].map(
          (t) => `alter table ${t} drop column slug`,
        ),
        'drop function slug_fallback() cascade',
        "delete from mikro_orm_migrations where name = 'Migration20261205000000_slugs'",
        "insert into region (id, code, kind, name_zh, name_en) values ('00000000-0000-4000-8000-000000000001', 't', 'TOWN', '镇', 'Town'), ('00000000-0000-4000-8000-000000000002', 'u', 'TOWN', '乡', 'Other')",
        `insert into village (town_id, name_zh, name_en, created_at) values
          ('00000000-0000-4000-8000-000000000001', '东山村', 'Dongshan', now() - interval '3 days'),
          ('00000000-0000-4000-8000-000000000002', '东山村', 'Dongshan', now() - interval '2 days'),
          ('00000000-0000-4000-8000-000000000001', 'New', 'New', now() - interval '1 day')`,
      ]);
      await (await openOrm(url.toString())).close();
      const [rows, [column]] = await run(url, [
        'select name_en, slug from village order by created_at',
        "select is_nullable from information_schema.columns where table_name = 'village' and column_name = 'slug'",
      ]);
      expect(rows).toEqual([
        { name_en: 'Dongshan', slug: 'dong-shan-cun' },
        { name_en: 'Dongshan', slug: 'dong-shan-cun-2' },
        { name_en: 'New', slug: 'new-2' },
      ]);
      expect(column).toEqual({ is_nullable: 'NO' });
    } finally {
      await scratch.drop();
    }
  });

  it('reserves the words a front end routes by', () => {
    expect(RESERVED_SLUGS.has('new')).toBe(true);
  });
});
