import { describe, expect, it } from 'vitest';
import { ok, useApi } from './helpers.js';

const api = useApi();

const count = async (list: string, where: string, vars: Record<string, unknown> = {}, varDefs = '') =>
  ok(
    await api.run(`query${varDefs ? `(${varDefs})` : ''} { ${list}(where: ${where}) { totalCount } }`, vars),
  )[list].totalCount as number;
const sqlCount = async (text: string, params: unknown[] = []) =>
  (await api.sql(`select count(*)::int as n from ${text}`, params))[0].n as number;

describe('where filters, compiled to SQL', () => {
  it('compares decimals, dates and enums like the database does', async () => {
    expect(await count('ruralHouses', '{ floorAreaM2: { gt: "200" } }')).toBe(
      await sqlCount('rural_house where floor_area_m2 > 200'),
    );
    expect(await count('ruralHouses', '{ floorAreaM2: { gte: "100", lt: "150.5" } }')).toBe(
      await sqlCount('rural_house where floor_area_m2 >= 100 and floor_area_m2 < 150.5'),
    );
    expect(await count('talents', '{ arrivedOn: { lte: "2019-06-30" } }')).toBe(
      await sqlCount("talent where public_profile and arrived_on <= '2019-06-30'"),
    );
    expect(await count('ruralHouses', '{ status: { in: [IDLE, IN_USE] } }')).toBe(
      await sqlCount("rural_house where status in ('IDLE', 'IN_USE')"),
    );
    expect(await count('ruralHouses', '{ status: { notIn: [IDLE] } }')).toBe(
      await sqlCount("rural_house where status <> 'IDLE'"),
    );
    expect(await count('ruralHouses', '{ currentUse: { isNull: true } }')).toBe(
      await sqlCount('rural_house where current_use is null'),
    );
    expect(await count('ruralHouses', '{ currentUse: { ne: HOMESTAY } }')).toBe(
      await sqlCount("rural_house where current_use is distinct from 'HOMESTAY'"),
    );
  });

  it('matches text in either language, ignoring case, with contains and startsWith', async () => {
    expect(await count('villages', '{ name: { contains: "village" } }')).toBe(await sqlCount('village'));
    expect(await count('villages', '{ name: { startsWith: "东" } }')).toBe(
      await sqlCount("village where name_zh like '东%'"),
    );
    expect(await count('projects', '{ name: { contains: "设计谷" } }')).toBe(1);
    expect(await count('projects', '{ name: { contains: "100%" } }')).toBe(0);
  });

  it('combines with and, or and not', async () => {
    const specialtyTea = await count(
      'villages',
      '{ and: [{ isSpecialty: { eq: true } }, { themes: { some: { code: { eq: "tea" } } } }] }',
    );
    const tea = await count('villages', '{ themes: { some: { code: { eq: "tea" } } } }');
    expect(specialtyTea).toBe(tea);
    const either = await count(
      'villages',
      '{ or: [{ themes: { some: { code: { eq: "tea" } } } }, { themes: { some: { code: { eq: "wine" } } } }] }',
    );
    expect(either).toBe(
      await sqlCount(
        "village v where exists (select 1 from village_theme vt join theme t on t.id = vt.theme_id where vt.village_id = v.id and t.code in ('tea', 'wine'))",
      ),
    );
    // An `or` (or a name in two languages) inside a relation filter stays within the row's relation.
    expect(
      await count(
        'villages',
        '{ themes: { some: { or: [{ code: { eq: "tea" } }, { code: { eq: "wine" } }] } } }',
      ),
    ).toBe(either);
    expect(
      await count(
        'villages',
        '{ themes: { none: { or: [{ code: { eq: "tea" } }, { code: { eq: "wine" } }] } } }',
      ),
    ).toBe((await sqlCount('village')) - either);
    expect(await count('villages', '{ not: { isSpecialty: { eq: true } } }')).toBe(
      await sqlCount('village where not is_specialty'),
    );
  });

  it('follows relations: to-one, some, none and every', async () => {
    expect(await count('villages', '{ town: { code: { eq: "dashuibo" } } }')).toBe(
      await sqlCount("village v join region r on r.id = v.town_id where r.code = 'dashuibo'"),
    );
    expect(await count('villages', '{ themes: { none: {} } }')).toBe(
      await sqlCount(
        'village v where not exists (select 1 from village_theme vt where vt.village_id = v.id)',
      ),
    );
    expect(await count('villages', '{ themes: { every: { code: { in: ["tea", "media"] } } } }')).toBe(
      await sqlCount(
        "village v where not exists (select 1 from village_theme vt join theme t on t.id = vt.theme_id where vt.village_id = v.id and t.code not in ('tea', 'media'))",
      ),
    );
    expect(
      await count(
        'investments',
        '{ project: { village: { themes: { some: { code: { eq: "tea" } } } } }, stage: { in: [SIGNED, FUNDED] } }',
      ),
    ).toBe(
      await sqlCount(
        "investment i join project p on p.id = i.project_id where i.stage in ('SIGNED', 'FUNDED') and exists (select 1 from village_theme vt join theme t on t.id = vt.theme_id where vt.village_id = p.village_id and t.code = 'tea')",
      ),
    );
  });

  it('filters references by global id and rejects ids of another type', async () => {
    const village = ok(await api.run('{ villages(first: 1) { nodes { id houses { totalCount } } } }'))
      .villages.nodes[0];
    expect(
      await count('ruralHouses', '{ village: { id: { eq: $id } } }', { id: village.id }, '$id: ID!'),
    ).toBe(village.houses.totalCount);
    const theme = ok(await api.run('{ themes(first: 1) { nodes { id } } }')).themes.nodes[0];
    const wrong = await api.run('query($id: ID!) { villages(where: { id: { eq: $id } }) { totalCount } }', {
      id: theme.id,
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('orders by several keys as asked', async () => {
    const data = ok(
      await api.run(
        '{ investments(first: 100, orderBy: [{ field: STAGE, direction: ASC }, { field: AMOUNT, direction: DESC }]) { nodes { stage amount { amount } } } }',
      ),
    );
    const stages = ['PROMOTION', 'NEGOTIATION', 'SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION'];
    const rows = data.investments.nodes;
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      const byStage = stages.indexOf(a.stage) - stages.indexOf(b.stage);
      expect(byStage).toBeLessThanOrEqual(0);
      if (byStage === 0) expect(Number(a.amount.amount)).toBeGreaterThanOrEqual(Number(b.amount.amount));
    }
  });
});
