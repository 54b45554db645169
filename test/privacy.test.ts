import { isEnumType, isNonNullType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { getSchema } from '../src/graphql/schema.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi();
const writes = useApi({ writes: true });

describe('privacy for anonymous callers', () => {
  it('lists only talents who consented to a public profile, yet counts everyone in figures', async () => {
    const [{ pub, all }] = await api.sql(
      'select count(*) filter (where public_profile)::int as pub, count(*)::int as all from talent',
    );
    expect(pub).toBeLessThan(all);
    expect(ok(await api.run('{ talents { totalCount } }')).talents.totalCount).toBe(pub);
    const union = ok(
      await api.run(
        '{ unionOrganizations(where: { kind: { eq: JOINT_UNION } }) { nodes { memberCount memberships { totalCount } } } }',
      ),
    ).unionOrganizations.nodes[0];
    expect(union.memberCount).toBe(all);
    expect(union.memberships.totalCount).toBe(pub);
  });

  it('answers node(id) for a hidden talent exactly like a missing one', async () => {
    const [hidden] = await api.sql('select id from talent where not public_profile limit 1');
    const missing = toGlobalId('Talent', '00000000-0000-4000-8000-000000000000');
    const a = await api.run('query($id: ID!) { node(id: $id) { id } }', {
      id: toGlobalId('Talent', hidden.id),
    });
    const b = await api.run('query($id: ID!) { node(id: $id) { id } }', { id: missing });
    expect(a).toEqual(b);
    expect(ok(a).node).toBeNull();
  });

  it('never shows hidden talents through relations: tenants, attributions, roles, memberships, filters', async () => {
    const hidden = (await api.sql('select id from talent where not public_profile')).map((r) =>
      toGlobalId('Talent', r.id),
    );
    const data = ok(
      await api.run(`{
        leases(first: 100) { nodes { tenant { ... on Talent { id } } } }
        investments(first: 100) { nodes { attributedTo { id } } }
        projectRoles(first: 100) { nodes { talent { id } } }
        unionMemberships(first: 100) { nodes { talent { id } } }
      }`),
    );
    const seen = [
      ...data.leases.nodes.map((n: any) => n.tenant?.id),
      ...data.investments.nodes.map((n: any) => n.attributedTo?.id),
      ...data.projectRoles.nodes.map((n: any) => n.talent.id),
      ...data.unionMemberships.nodes.map((n: any) => n.talent.id),
    ].filter(Boolean);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((id) => hidden.includes(id))).toEqual([]);
    const [{ name }] = await api.sql(
      'select display_name as name from talent where not public_profile and display_name not in (select display_name from talent where public_profile) limit 1',
    );
    expect(
      ok(
        await api.run('query($n: String!) { talents(where: { displayName: { eq: $n } }) { totalCount } }', {
          n: name,
        }),
      ).talents.totalCount,
    ).toBe(0);
    expect(
      ok(
        await api.run(
          'query($n: String!) { investments(where: { attributedTo: { displayName: { eq: $n } } }) { totalCount } }',
          { n: name },
        ),
      ).investments.totalCount,
    ).toBe(0);
  });

  it('returns no full names, contact details or owner households', async () => {
    const data = ok(
      await api.run(
        '{ talents(first: 100) { nodes { fullName contact { phone email } } } ruralHouses(first: 100) { nodes { ownerHousehold } } }',
      ),
    );
    expect(data.talents.nodes.every((t: any) => t.fullName === null && t.contact === null)).toBe(true);
    expect(data.ruralHouses.nodes.every((h: any) => h.ownerHousehold === null)).toBe(true);
    const [{ n }] = await api.sql('select count(*)::int as n from talent where phone is not null');
    expect(n).toBeGreaterThan(0);
  });
});

describe('the demo dataset reproduces the document', () => {
  it('has 100+ talents in Dashuibo, about a third resident, and generated people marked as demo', async () => {
    const [row] = await api.sql(
      `select count(*)::int as total, count(*) filter (where settlement = 'RESIDENT')::int as resident,
              count(*) filter (where not is_demo)::int as real
       from talent t join region r on r.id = t.town_id where r.code = 'dashuibo'`,
    );
    expect(row.total).toBeGreaterThanOrEqual(100);
    expect(row.resident / row.total).toBeGreaterThan(0.28);
    expect(row.resident / row.total).toBeLessThan(0.38);
    expect(row.real).toBe(2);
  });

  it('has 400+ transferred houses, 200M+ CNY attributed to talents and about 20 specialty villages over 12 themes', async () => {
    const [{ transferred }] = await api.sql(
      "select count(*)::int as transferred from rural_house where status <> 'IDLE'",
    );
    expect(transferred).toBeGreaterThanOrEqual(400);
    const [{ attributed }] = await api.sql(
      "select sum(amount)::numeric as attributed from investment where attributed_talent_id is not null and stage in ('SIGNED','CONSTRUCTION','FUNDED','PRODUCTION')",
    );
    expect(Number(attributed)).toBeGreaterThanOrEqual(200_000_000);
    const villages = ok(
      await api.run(
        '{ villages(first: 100, where: { isSpecialty: { eq: true }, town: { code: { eq: "dashuibo" } } }) { totalCount nodes { themes { code } } } }',
      ),
    ).villages;
    expect(villages.totalCount).toBeGreaterThanOrEqual(18);
    expect(villages.totalCount).toBeLessThanOrEqual(22);
    expect(new Set(villages.nodes.flatMap((v: any) => v.themes.map((t: any) => t.code))).size).toBe(12);
  });

  it('has the joint union with 7 branches and the citywide 141 agriculture-related unions with 5,625 members', async () => {
    const joint = ok(
      await api.run(
        '{ unionOrganizations(where: { kind: { eq: JOINT_UNION } }) { nodes { name(locale: ZH) facilities branches { totalCount } region { code } } } }',
      ),
    ).unionOrganizations.nodes;
    expect(joint).toHaveLength(1);
    expect(joint[0]).toMatchObject({
      name: '文登区耕读小镇联合工会',
      branches: { totalCount: 7 },
      region: { code: 'dashuibo' },
    });
    expect(joint[0].facilities).toEqual(['WORKERS_LIBRARY', 'ACTIVITY_CENTER']);
    const [agri] = await api.sql(
      'select count(*)::int as n, sum(reported_member_count)::int as members from union_organization where agriculture_related',
    );
    expect(agri).toEqual({ n: 141, members: 5625 });
    const lingang = ok(
      await api.run(
        '{ unionOrganizations(where: { name: { contains: "农林水产业" } }) { nodes { reportedEnterpriseCount reportedMemberCount } } }',
      ),
    ).unionOrganizations.nodes[0];
    expect(lingang.reportedEnterpriseCount).toBe(35);
    expect(lingang.reportedMemberCount).toBeGreaterThanOrEqual(1000);
  });

  it('has the five named projects of Dashuibo', async () => {
    const names = ok(
      await api.run(
        '{ projects(first: 100, where: { kind: { notIn: [HOMESTAY, STUDIO] } }) { nodes { name(locale: ZH) } } }',
      ),
    ).projects.nodes.map((p: any) => p.name);
    expect(names.sort()).toEqual(
      ['乡村振兴学院', '威海紫光实验学校', '威海设计谷', '清华大学乡村振兴工作站', '金芝源田园综合体'].sort(),
    );
  });

  it('gives the same ids on every load (deterministic)', async () => {
    const { demoId } = await import('../src/db/seed/random.js');
    const [row] = await api.sql("select id from region where code = 'dashuibo'");
    expect(row.id).toBe(demoId('region:dashuibo'));
  });
});

/** Every `*Groups` query with every dimension that keys groups by an object (a talent, a village, …). */
async function objectDimensions() {
  const schema = await getSchema();
  const out: { query: string; dim: string; key: string }[] = [];
  for (const [query, field] of Object.entries(schema.getQueryType()!.getFields())) {
    const groupBy = field.args.find((a) => a.name === 'groupBy');
    if (!groupBy) continue;
    let type = groupBy.type;
    while (!isEnumType(type)) type = (type as { ofType: typeof type }).ofType;
    let groups = isNonNullType(field.type) ? field.type.ofType : field.type;
    const group = (groups as any).getFields().nodes.type.ofType.ofType.ofType;
    const keyType = group.getFields().key.type.ofType;
    for (const value of type.getValues()) {
      const dimension = Object.values(keyType.getFields()).find(
        (f: any) => f.name.replace(/[A-Z]/g, (c: string) => `_${c}`).toUpperCase() === value.name,
      ) as any;
      const fieldType = dimension && (isNonNullType(dimension.type) ? dimension.type.ofType : dimension.type);
      if (fieldType && isObjectType(fieldType)) out.push({ query, dim: value.name, key: dimension.name });
    }
    groups = groups as never;
  }
  return out;
}

describe('grouped figures never show a hidden talent one by one', () => {
  const tokens: Record<string, string | undefined> = {};
  beforeAll(async () => {
    tokens.anonymous = undefined;
    tokens.partner = await tokenFor(api, 'privacy-partner', Role.PARTNER);
    tokens.lidao = await tokenFor(api, 'privacy-lidao', Role.OFFICIAL, 'lidao');
  });

  it('investmentGroups by ATTRIBUTED_TO and leaseGroups by TENANT_TALENT: one null group holding every talent not public', async () => {
    const [inv] = await api.sql(
      `select count(*) filter (where t.id is null or not t.public_profile)::int as n,
              count(distinct t.id) filter (where not t.public_profile)::int as hidden
       from investment i left join talent t on t.id = i.attributed_talent_id where i.archived_at is null`,
    );
    expect(inv.hidden).toBeGreaterThan(1);
    const data = ok(
      await api.run(
        '{ investmentGroups(groupBy: [ATTRIBUTED_TO], first: 100) { totalCount nodes { key { attributedTo { id } } count } } }',
      ),
    ).investmentGroups;
    const nulls = data.nodes.filter((g: any) => g.key.attributedTo === null);
    expect(nulls).toEqual([{ key: { attributedTo: null }, count: inv.n }]);
    const [lease] = await api.sql(
      `select count(*) filter (where t.id is null or not t.public_profile)::int as n,
              count(distinct t.id) filter (where not t.public_profile)::int as hidden
       from lease l left join talent t on t.id = l.lessee_talent_id where l.archived_at is null`,
    );
    const leases = ok(
      await api.run(
        '{ leaseGroups(groupBy: [TENANT_TALENT], first: 100) { nodes { key { tenantTalent { id } } count } } }',
      ),
    ).leaseGroups;
    expect(leases.nodes.filter((g: any) => g.key.tenantTalent === null)).toEqual(
      lease.n ? [{ key: { tenantTalent: null }, count: lease.n }] : [],
    );
  });

  it('every object dimension of every *Groups query gives at most one null-key group, for every role that cannot see everything', async () => {
    const dims = await objectDimensions();
    expect(dims.map((d) => `${d.query}.${d.dim}`)).toEqual(
      expect.arrayContaining(['investmentGroups.ATTRIBUTED_TO', 'leaseGroups.TENANT_TALENT']),
    );
    for (const [who, token] of Object.entries(tokens)) {
      for (const { query, dim, key } of dims) {
        let after: string | null = null;
        let nulls = 0;
        do {
          const page: any = ok(
            await api.run(
              `query($after: String) { ${query}(groupBy: [${dim}], first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { key { ${key} { __typename } } } } }`,
              { after },
              { token },
            ),
          )[query];
          nulls += page.nodes.filter((g: any) => g.key[key] === null).length;
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        expect({ who, query, dim, nulls: Math.min(nulls, 2) }).toEqual({
          who,
          query,
          dim,
          nulls: Math.min(nulls, 1),
        });
      }
    }
  });
});

describe('the audit trail keeps linked objects by id and masks private fields by the reader’s rights', () => {
  const tokens: Record<string, string> = {};
  const LOG = `query($where: AuditEntryWhere) { auditLog(first: 100, where: $where) { nodes { operation objectType changes { field before after } } } }`;
  let hidden: { id: string; full_name: string; phone: string; email: string };

  beforeAll(async () => {
    tokens.official = await tokenFor(writes, 'audit-privacy-official', Role.OFFICIAL, 'dashuibo');
    tokens.admin = await tokenFor(writes, 'audit-privacy-admin', Role.ADMIN);
    [hidden] = await writes.sql(
      `insert into talent (town_id, display_name, full_name, phone, email, settlement, public_profile, contact_consent, is_demo)
       select id, 'Hidden Lidao', '隐藏的全名', '13912345678', 'hidden.person@lidao.example', 'RESIDENT', false, false, true
       from region where code = 'lidao' returning id, full_name, phone, email`,
    );
  });

  /** Changes as { field: { before, after } } (jsonb keeps its own key order). */
  const byField = (changes: { field: string; before: unknown; after: unknown }[]) =>
    Object.fromEntries(changes.map(({ field, before, after }) => [field, { before, after }]));
  const leaks = (value: unknown) =>
    [hidden.full_name, hidden.phone, hidden.email].filter((v) => JSON.stringify(value).includes(v));

  it('an official reads a link to another region’s hidden talent (made by an admin) as { type, id } only', async () => {
    const [union] = await writes.sql(
      "select u.id from union_organization u join region r on r.id = u.region_id where r.code = 'dashuibo' and u.archived_at is null limit 1",
    );
    const added = ok(
      await writes.run(
        'mutation($input: AddUnionMemberInput!) { addUnionMember(input: $input) { unionMembership { id } userErrors { code } } }',
        {
          input: {
            organizationId: toGlobalId('UnionOrganization', union.id),
            talentId: toGlobalId('Talent', hidden.id),
          },
        },
        // An official may not link a talent they cannot read (test/write-visibility.test.ts).
        { token: tokens.admin },
      ),
    ).addUnionMember;
    expect(added.userErrors).toEqual([]);
    // The official cannot see the membership of a hidden talent: find it in the database.
    const [membership] = await writes.sql('select id from union_membership where talent_id = ?', [hidden.id]);
    const membershipId = toGlobalId('UnionMembership', membership.id);
    const [stored] = await writes.sql('select changes from audit_log where object_id = ?', [membership.id]);
    expect(leaks(stored.changes)).toEqual([]);
    expect(stored.changes.talent.after).toEqual({ type: 'Talent', id: toGlobalId('Talent', hidden.id) });
    const log = ok(
      await writes.run(LOG, { where: { object: { eq: membershipId } } }, { token: tokens.official }),
    ).auditLog.nodes;
    expect(log).toHaveLength(1);
    expect(log[0].changes.find((c: any) => c.field === 'talent').after).toEqual({
      type: 'Talent',
      id: toGlobalId('Talent', hidden.id),
    });
    expect(leaks(log)).toEqual([]);
  });

  it('entries written the old way (a copy of the linked talent) are read as { type, id }', async () => {
    const [{ region }] = await writes.sql("select id as region from region where code = 'dashuibo'");
    const copy = { id: hidden.id, fullName: hidden.full_name, phone: hidden.phone, email: hidden.email };
    const [old] = await writes.sql(
      `insert into audit_log (user_email, operation, object_type, object_id, region_id, changes)
       values ('old@tests.example', 'addUnionMember', 'UnionMembership', gen_random_uuid(), ?, ?::jsonb) returning object_id`,
      [
        region,
        JSON.stringify({ talent: { before: null, after: copy }, role: { before: null, after: 'MEMBER' } }),
      ],
    );
    const log = ok(
      await writes.run(
        LOG,
        { where: { object: { eq: toGlobalId('UnionMembership', old.object_id) } } },
        { token: tokens.official },
      ),
    ).auditLog.nodes;
    expect(byField(log[0].changes)).toEqual({
      talent: { before: null, after: { type: 'Talent', id: toGlobalId('Talent', hidden.id) } },
      role: { before: null, after: 'MEMBER' },
    });
  });

  it('private fields of an entry show only to readers who may read them on the object as it is now', async () => {
    const [{ region }] = await writes.sql("select id as region from region where code = 'dashuibo'");
    const [inside] = await writes.sql(
      "select t.id from talent t join region r on r.id = t.town_id where r.code = 'dashuibo' limit 1",
    );
    const entry = async (talentId: string) => {
      await writes.sql(
        `insert into audit_log (user_email, operation, object_type, object_id, region_id, changes)
         values ('old@tests.example', 'updateTalent', 'Talent', ?, ?, ?::jsonb)`,
        [
          talentId,
          region,
          JSON.stringify({
            fullName: { before: 'Old Name', after: hidden.full_name },
            phone: { before: null, after: hidden.phone },
            field: { before: null, after: '茶艺' },
          }),
        ],
      );
      return toGlobalId('Talent', talentId);
    };
    const read = async (id: string, token: string) =>
      byField(
        ok(await writes.run(LOG, { where: { object: { eq: id } } }, { token })).auditLog.nodes[0].changes,
      );
    // A talent of another region (moved away, say): the official of Dashuibo may not read its private fields.
    const away = await entry(hidden.id);
    expect(await read(away, tokens.official)).toEqual({
      fullName: { before: null, after: null },
      phone: { before: null, after: null },
      field: { before: null, after: '茶艺' },
    });
    expect((await read(away, tokens.admin)).fullName).toEqual({
      before: 'Old Name',
      after: hidden.full_name,
    });
    // A talent of the official's own region: they may.
    const own = await entry(inside.id);
    expect((await read(own, tokens.official)).phone).toEqual({ before: null, after: hidden.phone });
  });
});
