import { describe, expect, it } from 'vitest';
import { ok, useApi } from './helpers.js';

const api = useApi();

describe('grouped figures', () => {
  it('counts public talents by settlement and field like GROUP BY does', async () => {
    const result = await api.run(
      '{ talentGroups(groupBy: [SETTLEMENT, FIELD], first: 100) { totalCount nodes { key { settlement field } count } } }',
    );
    const groups = ok(result).talentGroups;
    const expected = await api.sql(
      'select settlement, field, count(*)::int as n from talent where public_profile group by 1, 2 order by 1, 2 nulls last',
    );
    expect(groups.totalCount).toBe(expected.length);
    expect(groups.nodes.map((g: any) => [g.key.settlement, g.key.field, g.count])).toEqual(
      expected.map((r) => [r.settlement, r.field, r.n]),
    );
    expect(result.statements).toBe(1);
  });

  it('counts arrivals per month', async () => {
    const groups = ok(
      await api.run(
        '{ talentGroups(groupBy: [ARRIVED_MONTH], first: 100) { nodes { key { arrivedMonth } count } } }',
      ),
    ).talentGroups.nodes;
    const expected = await api.sql(
      "select to_char(arrived_on, 'YYYY-MM') as m, count(*)::int as n from talent where public_profile group by 1 order by 1 nulls last",
    );
    expect(groups.map((g: any) => [g.key.arrivedMonth, g.count])).toEqual(expected.map((r) => [r.m, r.n]));
  });

  it('sums investments by stage and investor kind per quarter', async () => {
    const groups = ok(
      await api.run(
        '{ investmentGroups(groupBy: [STAGE, INVESTOR_KIND, SIGNED_QUARTER], first: 100) { nodes { key { stage investorKind signedQuarter } count amount { sum max } } } }',
      ),
    ).investmentGroups.nodes;
    const expected = await api.sql(`
      select i.stage, o.kind, to_char(i.signed_on, 'YYYY-"Q"Q') as q, count(*)::int as n, sum(i.amount)::text as s, max(i.amount)::text as mx
      from investment i join organization o on o.id = i.investor_id group by 1, 2, 3 order by 1, 2, 3 nulls last`);
    expect(
      groups.map((g: any) => [
        g.key.stage,
        g.key.investorKind,
        g.key.signedQuarter,
        g.count,
        g.amount.sum,
        g.amount.max,
      ]),
    ).toEqual(expected.map((r) => [r.stage, r.kind, r.q, r.n, r.s, r.mx]));
  });

  it('ranks capital attributed per talent (以才引资 top 5) and pages through groups', async () => {
    const top = ok(
      await api.run(
        '{ investmentGroups(groupBy: [ATTRIBUTED_TO], orderBy: AMOUNT, first: 5) { pageInfo { hasNextPage endCursor } nodes { key { attributedTo { displayName } } amount { sum } } } }',
      ),
    ).investmentGroups;
    const sums = top.nodes.map((g: any) => Number(g.amount.sum));
    expect([...sums].sort((a, b) => b - a)).toEqual(sums);
    const [best] = await api.sql(
      'select sum(amount)::text as s from investment group by attributed_talent_id order by sum(amount) desc limit 1',
    );
    expect(top.nodes[0].amount.sum).toBe(best.s);
    expect(top.pageInfo.hasNextPage).toBe(true);
    const next = ok(
      await api.run(
        'query($after: String) { investmentGroups(groupBy: [ATTRIBUTED_TO], orderBy: AMOUNT, first: 5, after: $after) { nodes { amount { sum } } } }',
        {
          after: top.pageInfo.endCursor,
        },
      ),
    ).investmentGroups.nodes;
    expect(Number(next[0].amount.sum)).toBeLessThanOrEqual(sums.at(-1));
  });

  it('counts houses by status per village with the list’s where', async () => {
    const groups = ok(
      await api.run(
        '{ ruralHouseGroups(groupBy: [VILLAGE, STATUS], where: { floorAreaM2: { gt: "150" } }, first: 100) { totalCount nodes { key { village { name(locale: ZH) } status } count floorAreaM2 { min } } } }',
      ),
    ).ruralHouseGroups;
    const [{ n }] = await api.sql(
      'select count(*)::int as n from (select 1 from rural_house where floor_area_m2 > 150 group by village_id, status) g',
    );
    expect(groups.totalCount).toBe(n);
    expect(groups.nodes.every((g: any) => Number(g.floorAreaM2.min) > 150)).toBe(true);
    let total = 0;
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const p: any = ok(
        await api.run(
          'query($after: String) { ruralHouseGroups(groupBy: [VILLAGE, STATUS], where: { floorAreaM2: { gt: "150" } }, first: 7, after: $after) { pageInfo { hasNextPage endCursor } nodes { count } } }',
          { after },
        ),
      ).ruralHouseGroups;
      total += p.nodes.reduce((s: number, g: any) => s + g.count, 0);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    const [{ all }] = await api.sql('select count(*)::int as all from rural_house where floor_area_m2 > 150');
    expect(total).toBe(all);
  });
});

describe('grouped figures of every list', () => {
  const cases: [string, string, string, string][] = [
    [
      'villageGroups',
      'TOWN, IS_SPECIALTY',
      'key { town { code } isSpecialty }',
      'select count(*)::int as n from (select 1 from village group by town_id, is_specialty) g',
    ],
    [
      'projectGroups',
      'KIND, STATUS',
      'key { kind status }',
      'select count(*)::int as n from (select 1 from project group by kind, status) g',
    ],
    [
      'organizationGroups',
      'KIND',
      'key { kind }',
      'select count(*)::int as n from (select 1 from organization group by kind) g',
    ],
    [
      'unionOrganizationGroups',
      'KIND, AGRICULTURE_RELATED',
      'key { kind agricultureRelated } reportedMemberCount { sum }',
      'select count(*)::int as n from (select 1 from union_organization group by kind, agriculture_related) g',
    ],
    [
      'leaseGroups',
      'MODE, TENANT_TYPE',
      'key { mode tenantType } annualRent { avg }',
      'select count(*)::int as n from (select 1 from lease group by mode, lessee_talent_id is null, lessee_project_id is null) g',
    ],
    [
      'regionGroups',
      'KIND',
      'key { kind }',
      'select count(*)::int as n from (select 1 from region group by kind) g',
    ],
    [
      'unionMembershipGroups',
      'ROLE',
      'key { role }',
      'select count(*)::int as n from (select distinct role from union_membership m join talent t on t.id = m.talent_id where t.public_profile) g',
    ],
    [
      'projectRoleGroups',
      'ROLE',
      'key { role }',
      'select count(*)::int as n from (select distinct role from project_participant p join talent t on t.id = p.talent_id where t.public_profile) g',
    ],
  ];
  it.each(cases)('%s groups like GROUP BY', async (query, groupBy, selection, expected) => {
    const result = await api.run(
      `{ ${query}(groupBy: [${groupBy}], first: 100) { totalCount nodes { count ${selection} } } }`,
    );
    const groups = ok(result)[query];
    const [{ n }] = await api.sql(expected);
    expect(groups.totalCount).toBe(n);
    expect(groups.nodes.length).toBe(n);
  });

  it('sums union members per agriculture flag to the citywide figure', async () => {
    const groups = ok(
      await api.run(
        '{ unionOrganizationGroups(groupBy: [AGRICULTURE_RELATED]) { nodes { key { agricultureRelated } count reportedMemberCount { sum } } } }',
      ),
    ).unionOrganizationGroups.nodes;
    const agri = groups.find((g: any) => g.key.agricultureRelated === true);
    expect(agri).toMatchObject({ count: 141, reportedMemberCount: { sum: '5625' } });
  });
});

describe('dimensions', () => {
  it('group leases by their tenant objects and houses', async () => {
    const groups = ok(
      await api.run(
        '{ leaseGroups(groupBy: [TENANT_PROJECT], orderBy: COUNT, first: 3) { nodes { key { tenantProject { name(locale: ZH) } } count } } }',
      ),
    ).leaseGroups.nodes;
    const [top] = await api.sql(
      'select p.name_zh, count(*)::int as n from lease l left join project p on p.id = l.lessee_project_id group by l.lessee_project_id, p.name_zh order by count(*) desc, l.lessee_project_id asc nulls last limit 1',
    );
    expect([groups[0].key.tenantProject?.name ?? null, groups[0].count]).toEqual([top.name_zh, top.n]);
  });
});
