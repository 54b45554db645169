import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { ok, useApi } from './helpers.js';

const api = useApi();

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
