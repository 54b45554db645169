import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/data/registry.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/ids.js';
import { getSchema } from '../src/graphql/schema.js';
import { RegionStatsResolver } from '../src/modules/region/region.stats.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, operation, tokenFor, useApi } from './helpers.js';

/**
 * Look-ahead: to-one relations and computed fields the query selects are read in the statement of
 * their parent rows. These tests hold the answers to what separate loads gave (privacy included) and
 * the statement counts to what the look-ahead saves.
 */
const api = useApi();

const INVESTMENTS = `{ investments(first: 100, orderBy: [{ field: AMOUNT, direction: DESC }]) {
  nodes { id investor { id kind } attributedTo { id displayName attributedInvestment { amount } } project { id totalInvestment { amount } village { id } } }
} }`;

/** The same page, straight from SQL: what every relation must answer for a viewer who sees `visible` talents. */
async function expected(visible: 'public' | 'all') {
  const rows = await api.sql(
    `select i.id, i.investor_id, o.kind, i.attributed_talent_id, t.display_name, t.public_profile, i.project_id, p.village_id,
       (select coalesce(sum(x.amount)::text, '0.00') from investment x where x.attributed_talent_id = t.id and x.stage in ('SIGNED','CONSTRUCTION','FUNDED','PRODUCTION') and x.currency = 'CNY' and x.archived_at is null) as attributed,
       (select coalesce(sum(x.amount)::text, '0.00') from investment x where x.project_id = p.id and x.stage in ('SIGNED','CONSTRUCTION','FUNDED','PRODUCTION') and x.currency = 'CNY' and x.archived_at is null) as total
     from investment i join organization o on o.id = i.investor_id join project p on p.id = i.project_id
     left join talent t on t.id = i.attributed_talent_id
     where i.archived_at is null order by i.amount desc, i.id desc limit 100`,
  );
  return rows.map((r) => ({
    id: toGlobalId('Investment', r.id),
    investor: { id: toGlobalId('Organization', r.investor_id), kind: r.kind },
    attributedTo:
      r.attributed_talent_id && (visible === 'all' || r.public_profile)
        ? {
            id: toGlobalId('Talent', r.attributed_talent_id),
            displayName: r.display_name,
            attributedInvestment: { amount: r.attributed },
          }
        : null,
    project: {
      id: toGlobalId('Project', r.project_id),
      totalInvestment: { amount: r.total },
      village: r.village_id ? { id: toGlobalId('Village', r.village_id) } : null,
    },
  }));
}

describe('look-ahead reads', () => {
  it('answers joined relations and computed fields exactly like separate loads, hidden talents hidden', async () => {
    const anonymous = await api.run(INVESTMENTS);
    const nodes = ok(anonymous).investments.nodes;
    expect(nodes).toEqual(await expected('public'));
    expect(nodes.some((n: any) => n.attributedTo === null)).toBe(true);
    expect(nodes.some((n: any) => n.attributedTo !== null)).toBe(true);
    // One statement for the page with its investor, talent, project, village and both totals.
    expect(anonymous.statements).toBe(1);
  });

  it('joins with the viewer’s row scope: an admin sees every attributed talent', async () => {
    const token = await tokenFor(api, 'lookahead-admin', Role.ADMIN);
    const admin = ok(await api.run(INVESTMENTS, {}, { token })).investments.nodes;
    expect(admin).toEqual(await expected('all'));
  });

  it('reads a house’s tenant with its current lease: talents only with a public profile', async () => {
    const rows = await api.sql(
      `select h.id, l.lessee_talent_id, l.lessee_project_id, l.lessee_organization_id, t.public_profile
       from rural_house h
       left join lateral (select * from lease x where x.house_id = h.id and x.archived_at is null
         and x.starts_on <= current_date and x.ends_on > current_date and x.terminated_on is null
         order by x.starts_on desc, x.id desc limit 1) l on true
       left join talent t on t.id = l.lessee_talent_id
       where h.archived_at is null order by h.address, h.id limit 100`,
    );
    const expectedTenants = rows.map((r) => ({
      id: toGlobalId('RuralHouse', r.id),
      tenant: r.lessee_talent_id
        ? r.public_profile
          ? { __typename: 'Talent', id: toGlobalId('Talent', r.lessee_talent_id) }
          : null
        : r.lessee_project_id
          ? { __typename: 'Project', id: toGlobalId('Project', r.lessee_project_id) }
          : r.lessee_organization_id
            ? { __typename: 'Organization', id: toGlobalId('Organization', r.lessee_organization_id) }
            : null,
    }));
    const result = await api.run(
      '{ ruralHouses(first: 100) { nodes { id tenant { __typename ... on Node { id } } } } }',
    );
    expect(ok(result).ruralHouses.nodes).toEqual(expectedTenants);
    expect(expectedTenants.some((h) => h.tenant === null)).toBe(true);
    expect(new Set(expectedTenants.map((h) => h.tenant?.__typename)).size).toBeGreaterThanOrEqual(3);
    // The houses, then their current leases with the tenants: two statements.
    expect(result.statements).toBe(2);
  });

  it('reads only the columns a selection needs, yet answers every position of a relation fully', async () => {
    // One relation (Investment.investor) at two positions and under aliases, each asking other
    // fields of the same organisations: no position may get a row read for another's needs.
    const data = ok(
      await api.run(`{
        investments(first: 50, orderBy: [{ field: AMOUNT, direction: DESC }]) {
          nodes { id investor { kind } }
        }
        aliased: investments(first: 50, orderBy: [{ field: AMOUNT, direction: DESC }]) {
          nodes { id investor { kind } a: investor { region { code } } }
        }
        projects(first: 50) { nodes { investments(first: 10) { nodes { id investor { name(locale: EN) } } } } }
      }`),
    );
    const orgs = new Map(
      (
        await api.sql(
          'select i.id, o.kind, o.name_en, r.code from investment i join organization o on o.id = i.investor_id left join region r on r.id = o.region_id',
        )
      ).map((r) => [toGlobalId('Investment', r.id), { kind: r.kind, name: r.name_en, region: r.code }]),
    );
    const top = data.investments.nodes;
    expect(top.length).toBeGreaterThan(10);
    for (const n of top) expect(n.investor).toEqual({ kind: orgs.get(n.id)!.kind });
    for (const n of data.aliased.nodes) {
      const org = orgs.get(n.id)!;
      expect([n.investor, n.a]).toEqual([
        { kind: org.kind },
        { region: org.region ? { code: org.region } : null },
      ]);
    }
    const nested = data.projects.nodes.flatMap((p: any) => p.investments.nodes);
    expect(nested.length).toBeGreaterThan(10);
    for (const n of nested) expect(n.investor).toEqual({ name: orgs.get(n.id)!.name });
  });

  it('computes region figures alike with the region and on their own (a region read another way)', async () => {
    const withRegion = ok(
      await api.run(
        '{ region(code: "dashuibo") { id stats { talents { total resident } unions { members } } } }',
      ),
    ).region;
    const [region] = await api.sql("select id from region where code = 'dashuibo'");
    const ctx = createContext(api.orm.em, api.auth);
    const resolver = new RegionStatsResolver();
    const alone = { regionId: region.id };
    const talents = await resolver.talents(alone, ctx);
    const unions = await resolver.unions(alone, ctx);
    expect({
      talents: { total: talents!.total, resident: talents!.resident },
      unions: { members: unions.members },
    }).toEqual(withRegion.stats);
    expect(ctx.stats.statements).toBe(1);
  });

  it('reads a node with its selected relations in one statement', async () => {
    const [row] = await api.sql(
      'select i.id from investment i join talent t on t.id = i.attributed_talent_id where t.public_profile limit 1',
    );
    const result = await api.run(
      `query($id: ID!) { node(id: $id) { ... on Investment { attributedTo { displayName } project { name village { name } } } } }`,
      { id: toGlobalId('Investment', row.id) },
    );
    expect(ok(result).node.attributedTo.displayName).toBeTruthy();
    expect(result.statements).toBe(1);
  });

  it('keeps the contract operations within their statement budgets', async () => {
    const [talent] = await api.sql("select id from talent where display_name = '李久太'");
    // The first request of a shape reads nested lists on their own (and learns their row types);
    // from the second on they come with their parents.
    const run = async (name: string, variables: Record<string, unknown>) => {
      const first = await api.run(operation(name), variables);
      const again = await api.run(operation(name), variables);
      expect(again.data).toEqual(first.data);
      return { first, again };
    };
    const profile = await run('TalentProfile', { id: toGlobalId('Talent', talent.id) });
    expect(ok(profile.again).node.unionMemberships.nodes.length).toBeGreaterThan(0);
    expect(profile.first.statements).toBeLessThanOrEqual(3);
    expect(profile.again.statements).toBe(1);
    const dashboard = await run('TownDashboard', { town: 'dashuibo' });
    ok(dashboard.again);
    expect(dashboard.again.statements).toBe(1);
    const showcase = await run('ShowcaseVillages', { town: 'dashuibo', theme: 'tea' });
    ok(showcase.again);
    expect(showcase.first.statements).toBeLessThanOrEqual(6);
    // Villages with their themes, houses (each with its tenant) and projects (each with its investments).
    expect(showcase.again.statements).toBe(1);
  });

  it('declares as joinable only real relation fields: every `one` filter is a field of the type returning its target', async () => {
    const schema = await getSchema();
    let checked = 0;
    for (const spec of registry().tables.values()) {
      const type = schema.getType(spec.type);
      expect(isObjectType(type), spec.type).toBe(true);
      if (!isObjectType(type)) continue;
      for (const [name, filter] of Object.entries(spec.filters)) {
        if (filter.kind !== 'one') continue;
        const field = type.getFields()[name];
        expect(field, `${spec.type}.${name}`).toBeDefined();
        expect(getNamedType(field!.type).name, `${spec.type}.${name}`).toBe(filter.target().type);
        checked++;
      }
      for (const name of Object.keys(spec.computed ?? {})) {
        expect(type.getFields()[name], `${spec.type}.${name}`).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThan(10);
    // Every list read along with its parents is a connection field of that type, of its items, or a
    // field its service answers from a list with fixed arguments.
    for (const [relation, { target, fixed }] of registry().lists) {
      const [typeName, fieldName] = relation.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(isObjectType(type), relation).toBe(true);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect(field, relation).toBeDefined();
      if (fixed) expect(field!.args, relation).toEqual([]);
      else expect(getNamedType(field!.type).name, relation).toBe(`${target.type}Connection`);
    }
    expect(registry().lists.size).toBeGreaterThan(10);
  });
});

describe('nested lists read along with their parents', () => {
  // The same lists with their arguments in variables are read on their own (a statement per level):
  // the answers must agree, for every viewer, page shape and cursor.
  const shape = (args: string) => `query($town: String!, $a: Int, $b: Int) {
    villages(first: 50, where: { town: { code: { eq: $town } } }) { nodes { id
      houses(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id address floorAreaM2 status ownerHousehold } } }
      projects(first: $b) { nodes { id name totalInvestment { amount currency } investments(first: 2) { totalCount nodes { id stage amount { amount } investor { id name } } } } }
    } } }`;
  const folded = (list: string) =>
    shape(list)
      .replace('projects(first: $b)', 'projects(first: 3)')
      .replace('query($town: String!, $a: Int, $b: Int)', 'query($town: String!)');

  it('answers exactly like separate reads, anonymous and signed in, forwards and backwards', async () => {
    const admin = await tokenFor(api, 'lookahead-admin', Role.ADMIN);
    for (const [list, a] of [
      ['first: 4', { a: 4 }],
      ['last: 3', { a: 3 }],
      ['first: 0', { a: 0 }],
    ] as const) {
      const separate = shape(list.replace(/\d+/, '$a'));
      for (const token of [undefined, admin]) {
        const variables = { town: 'dashuibo', ...a, b: 3 };
        const expected = ok(await api.run(separate, variables, { token }));
        await api.run(folded(list), { town: 'dashuibo' }, { token });
        const along = await api.run(folded(list), { town: 'dashuibo' }, { token });
        expect(ok(along)).toEqual(expected);
        // Villages with their houses and projects, and the projects' investments, in one statement.
        expect(along.statements).toBe(1);
      }
    }
    const houses = ok(await api.run(folded('first: 4'), { town: 'dashuibo' }, { token: admin })).villages
      .nodes;
    const withHouses = houses.filter((v: any) => v.houses.totalCount > 4);
    expect(withHouses.length).toBeGreaterThan(0);
    expect(houses.some((v: any) => v.houses.edges.some((e: any) => e.node.ownerHousehold))).toBe(true);
    const anonymous = ok(await api.run(folded('first: 4'), { town: 'dashuibo' })).villages.nodes;
    expect(
      anonymous.every((v: any) => v.houses.edges.every((e: any) => e.node.ownerHousehold === null)),
    ).toBe(true);
    // A cursor of a page read along continues the list.
    const village = withHouses[0];
    const next = ok(
      await api.run(
        'query($id: ID!, $after: String) { node(id: $id) { ... on Village { houses(first: 100, after: $after) { totalCount nodes { id } } } } }',
        { id: village.id, after: village.houses.pageInfo.endCursor },
      ),
    ).node.houses;
    expect(next.nodes.length).toBe(village.houses.totalCount - 4);
    expect(next.nodes.map((n: any) => n.id)).not.toContain(village.houses.edges[3].node.id);
  });
});

describe('nested lists with filters, order and privacy', () => {
  it('reads a list with `where` and `orderBy` written in the query alike for every viewer, private columns included', async () => {
    const tokens = [
      undefined,
      await tokenFor(api, 'fold-official', Role.OFFICIAL, 'dashuibo'),
      await tokenFor(api, 'fold-partner', Role.PARTNER),
      await tokenFor(api, 'fold-admin', Role.ADMIN),
    ];
    const list = (args: string) => `query($town: String!, $where: TalentWhere, $n: Int) {
      region(code: $town) { id talents(${args}) { totalCount nodes { id displayName fullName contact { phone email } arrivedOn
        unionMemberships(first: 2) { totalCount nodes { role organization { id } } } } } } }`;
    const written = list(
      'first: 30, where: { settlement: { ne: DEPARTED } }, orderBy: [{ field: ARRIVED_ON, direction: DESC }]',
    ).replace('$where: TalentWhere, $n: Int', '');
    const separate = list('first: $n, where: $where, orderBy: [{ field: ARRIVED_ON, direction: DESC }]');
    let seen = 0;
    for (const token of tokens) {
      const expected = ok(
        await api.run(
          separate,
          { town: 'dashuibo', n: 30, where: { settlement: { ne: 'DEPARTED' } } },
          { token },
        ),
      );
      await api.run(written, { town: 'dashuibo' }, { token });
      const along = await api.run(written, { town: 'dashuibo' }, { token });
      expect(ok(along)).toEqual(expected);
      // The region with its talents and their memberships.
      expect(along.statements).toBe(1);
      seen += expected.region.talents.nodes.filter((n: any) => n.fullName).length;
    }
    // Some viewer read private names, and the anonymous one none.
    expect(seen).toBeGreaterThan(0);
  });
});

describe('lists under talents read along', () => {
  it('shows memberships and project roles exactly as separate reads do, for every viewer', async () => {
    // Read along, these lists rely on their talent's row scope (the statement reads the talent with
    // it) instead of checking the talent again: the answers must not change for any viewer.
    const query = (d: string) => `{ talents(first: 100) { nodes { id
      unionMemberships(first: 5) ${d} { nodes { role organization { id } } }
      projectRoles(first: 5) ${d} { nodes { role project { id } } } } } }`;
    const tokens = [
      undefined,
      await tokenFor(api, 'talent-lists-official', Role.OFFICIAL, 'dashuibo'),
      await tokenFor(api, 'talent-lists-admin', Role.ADMIN),
    ];
    const seen: number[][] = [];
    for (const token of tokens) {
      const expected = await api.run(query('@include(if: true)'), {}, { token });
      await api.run(query(''), {}, { token });
      const along = await api.run(query(''), {}, { token });
      expect(ok(along)).toEqual(ok(expected));
      expect(along.statements).toBe(1);
      expect(expected.statements).toBeGreaterThan(1);
      const talents = ok(along).talents.nodes;
      seen.push([
        talents.length,
        talents.flatMap((t: any) => t.unionMemberships.nodes).length,
        talents.flatMap((t: any) => t.projectRoles.nodes).length,
      ]);
    }
    // Memberships and roles were read; the official and the admin see hidden talents' too.
    const [anonymous, official, admin] = seen as [number[], number[], number[]];
    expect(anonymous[1]).toBeGreaterThan(0);
    expect(anonymous[2]).toBeGreaterThan(0);
    expect(official[0]).toBeGreaterThan(anonymous[0]!);
    expect(admin[0]).toBeGreaterThanOrEqual(official[0]!);
  });
});

describe('fields answered from lists with fixed arguments', () => {
  it('reads themes, current leases and tenants along with their parents, alike for every viewer', async () => {
    // A directive keeps a field out of the look-ahead: the same query, read a statement per level.
    const query = (d: string) => `query($town: String!) {
      villages(first: 50, where: { town: { code: { eq: $town } } }) { nodes { id themes ${d} { code name }
        houses(first: 6) { nodes { id currentLease ${d} { id startsOn mode tenant { __typename } }
          tenant ${d} { __typename ... on Talent { id displayName fullName } ... on Project { id name kind }
            ... on Organization { id name } } } } } } }`;
    const tokens = [undefined, await tokenFor(api, 'fixed-admin', Role.ADMIN)];
    const tenants: number[] = [];
    for (const token of tokens) {
      const expected = await api.run(query('@include(if: true)'), { town: 'dashuibo' }, { token });
      await api.run(query(''), { town: 'dashuibo' }, { token });
      const along = await api.run(query(''), { town: 'dashuibo' }, { token });
      expect(ok(along)).toEqual(ok(expected));
      expect(along.statements).toBe(1);
      expect(expected.statements).toBeGreaterThan(1);
      const houses = ok(along).villages.nodes.flatMap((v: any) => v.houses.nodes);
      tenants.push(houses.filter((h: any) => h.tenant).length);
    }
    // Tenants were read, and the admin sees at least those the anonymous caller sees.
    expect(tenants[0]).toBeGreaterThan(0);
    expect(tenants[1]).toBeGreaterThanOrEqual(tenants[0]!);
  });

  it('reads fields without a resolver method as plain properties', async () => {
    const schema = await getSchema();
    const house = schema.getType('RuralHouse');
    if (!isObjectType(house)) throw new Error('RuralHouse is not an object type');
    expect(house.getFields().floorAreaM2!.resolve).toBeUndefined();
    expect(house.getFields().tenant!.resolve).toBeTypeOf('function');
  });
});

describe('resolver calls', () => {
  it('calls resolver methods directly: a field with an argument answers at once, not with a promise', async () => {
    const schema = await getSchema();
    const village = schema.getType('Village');
    if (!isObjectType(village)) throw new Error('Village is not an object type');
    const ctx = createContext(api.orm.em, api.auth);
    const name = village.getFields().name!.resolve!(
      { nameZh: '甲村', nameEn: 'Jia' },
      { locale: 'EN' },
      ctx,
      {} as never,
    );
    expect(name).toBe('Jia');
    // Mutations keep type-graphql's handler (argument classes, validation hooks).
    const createVillage = schema.getMutationType()!.getFields().createVillage!.resolve!;
    const pending = createVillage({}, { input: {} }, ctx, {} as never);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow(/Sign in/);
  });
});
