import { describe, expect, it } from 'vitest';
import { Locale } from '../src/graphql/locale.js';
import { ok, operation, useApi } from './helpers.js';

const api = useApi();
const SHOWCASE = operation('ShowcaseVillages');
const PROFILE = operation('TalentProfile');

describe('ShowcaseVillages (contract)', () => {
  it('returns the tea villages of Dashuibo with their houses, tenants, projects and capital', async () => {
    const data = ok(await api.run(SHOWCASE, { town: 'dashuibo', theme: 'tea' }));
    const [{ n }] = await api.sql(
      `select count(*)::int as n from village v join region r on r.id = v.town_id
       where r.code = 'dashuibo' and v.is_specialty and exists (
         select 1 from village_theme vt join theme t on t.id = vt.theme_id where vt.village_id = v.id and t.code = 'tea')`,
    );
    expect(n).toBeGreaterThanOrEqual(1);
    expect(data.villages.totalCount).toBe(n);
    for (const { node } of data.villages.edges) {
      expect(node.themes.map((t: { code: string }) => t.code)).toContain('tea');
    }
    const nodes = data.villages.edges.map((e: { node: any }) => e.node);
    expect(nodes.some((v: any) => v.houses.totalCount > 0 && v.houses.nodes.length > 0)).toBe(true);
    expect(nodes.some((v: any) => v.projects.nodes.length > 0)).toBe(true);
    const houses = nodes.flatMap((v: any) => v.houses.nodes);
    expect(houses.some((h: any) => h.tenant !== null)).toBe(true);
    for (const h of houses) expect(h.floorAreaM2).toMatch(/^\d+\.\d{2}$/);
    const projects = nodes.flatMap((v: any) => v.projects.nodes);
    for (const p of projects) {
      expect(p.totalInvestment.currency).toBe('CNY');
      expect(p.totalInvestment.amount).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('pages with first/endCursor to the end without repeats or gaps', async () => {
    const all = ok(await api.run(SHOWCASE, { town: 'dashuibo', theme: 'tea', first: 100 }));
    const expected = all.villages.edges.map((e: any) => e.node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: any = ok(await api.run(SHOWCASE, { town: 'dashuibo', theme: 'tea', first: 1, after }));
      seen.push(...page.villages.edges.map((e: any) => e.node.id));
      if (!page.villages.pageInfo.hasNextPage) break;
      after = page.villages.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('switches names between English and Chinese with locale', async () => {
    const en = ok(await api.run(SHOWCASE, { town: 'dashuibo', theme: 'tea', locale: 'EN' }));
    const zh = ok(await api.run(SHOWCASE, { town: 'dashuibo', theme: 'tea', locale: 'ZH' }));
    const rows = await api.sql(`select name_zh, name_en from village`);
    const enNames = new Set(rows.map((r) => r.name_en));
    const zhNames = new Set(rows.map((r) => r.name_zh));
    for (const { node } of en.villages.edges) expect(enNames.has(node.name)).toBe(true);
    for (const { node } of zh.villages.edges) expect(zhNames.has(node.name)).toBe(true);
    expect(en.villages.edges[0].node.themes.find((t: any) => t.code === 'tea').name).toBe('Tea');
    expect(zh.villages.edges[0].node.themes.find((t: any) => t.code === 'tea').name).toBe('茶');
  });

  it('takes the default language from Accept-Language when no locale is given', async () => {
    const query = `query { themes(where: { code: { eq: "tea" } }) { nodes { name } } }`;
    expect(ok(await api.run(query, {}, { locale: Locale.EN })).themes.nodes[0].name).toBe('Tea');
    expect(ok(await api.run(query, {}, { locale: Locale.ZH })).themes.nodes[0].name).toBe('茶');
  });
});

describe('TalentProfile (contract)', () => {
  const idOf = async (name: string) => {
    const data = ok(
      await api.run(`query($n: String!) { talents(where: { displayName: { eq: $n } }) { nodes { id } } }`, {
        n: name,
      }),
    );
    return data.talents.nodes[0]?.id as string | undefined;
  };

  it('returns the public profile of the Design Valley founder with his project and union', async () => {
    const id = await idOf('李久太');
    expect(id).toBeDefined();
    const data = ok(await api.run(PROFILE, { id }));
    const t = data.node;
    expect(t.displayName).toBe('李久太');
    expect(t.title).toBe('清华大学建筑学博士');
    expect(t.projectRoles.nodes.map((r: any) => [r.role, r.project.name])).toContainEqual([
      'FOUNDER',
      '威海设计谷',
    ]);
    expect(t.unionMemberships.nodes.map((m: any) => m.organization.name)).toContain('文登区耕读小镇联合工会');
    expect(t.attributedInvestment).toEqual({
      amount: expect.stringMatching(/^\d+\.\d{2}$/),
      currency: 'CNY',
    });
  });

  it('shows Li Lin as chair of the joint union, elected on 11 March by a regular election', async () => {
    const data = ok(await api.run(PROFILE, { id: await idOf('李林') }));
    const chair = data.node.unionMemberships.nodes.find((m: any) => m.role === 'CHAIR');
    expect(chair.electedOn).toBe('2021-03-11');
    expect(chair.organization.kind).toBe('JOINT_UNION');
    expect(chair.organization.parent.name).toBe('文登区总工会');
  });

  it('never returns private fields to an anonymous caller', async () => {
    const id = await idOf('李林');
    const query = `query($id: ID!) { node(id: $id) { ... on Talent { displayName fullName contact { phone email } } } }`;
    const data = ok(await api.run(query, { id }));
    expect(data.node.displayName).toBe('李林');
    expect(data.node.fullName).toBeNull();
    expect(data.node.contact).toBeNull();
  });
});
