import { describe, expect, it } from 'vitest';
import { ok, useApi } from './helpers.js';

const api = useApi();

const HOUSES = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [RuralHouseOrder!]) {
  ruralHouses(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id floorAreaM2 } }
  }
}`;

async function walk(vars: Record<string, unknown>, direction: 'forward' | 'backward', size: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: any = ok(
      await api.run(
        HOUSES,
        direction === 'forward'
          ? { ...vars, first: size, after: cursor }
          : { ...vars, last: size, before: cursor },
      ),
    ).ruralHouses;
    const pageIds = page.edges.map((e: any) => e.node.id);
    if (direction === 'forward') ids.push(...pageIds);
    else ids.unshift(...pageIds);
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return ids;
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error('did not reach the end');
}

describe('connections', () => {
  it('walks every house forwards and backwards, with ties on the sort key, never skipping or repeating', async () => {
    const [{ n }] = await api.sql('select count(*)::int as n from rural_house');
    const [{ ties }] = await api.sql(
      'select count(*)::int as ties from (select floor_area_m2 from rural_house group by 1 having count(*) > 1) t',
    );
    const orderBy = [{ field: 'FLOOR_AREA', direction: 'DESC' }];
    const forward = await walk({ orderBy }, 'forward', 37);
    const backward = await walk({ orderBy }, 'backward', 41);
    expect(forward.length).toBe(n);
    expect(new Set(forward).size).toBe(n);
    expect(backward).toEqual(forward);
    // The same order the database gives, id as the last tie-breaker.
    const expected = await api.sql('select id from rural_house order by floor_area_m2 desc, id desc');
    const pk = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
    expect(forward.map(pk)).toEqual(expected.map((r) => r.id));
    expect(ties).toBeGreaterThanOrEqual(0);
  });

  it('defaults to 20 items and reports the total', async () => {
    const page = ok(await api.run(HOUSES, {})).ruralHouses;
    const [{ n }] = await api.sql('select count(*)::int as n from rural_house');
    expect(page.edges.length).toBe(20);
    expect(page.totalCount).toBe(n);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
  });

  it('refuses more than 100 items with BAD_USER_INPUT instead of cutting silently', async () => {
    const result = await api.run(HOUSES, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 100/);
  });

  it('refuses first with last, negative sizes, forged cursors and cursors of another ordering', async () => {
    const codes = async (vars: Record<string, unknown>) =>
      (await api.run(HOUSES, vars)).errors?.map((e) => e.extensions?.code);
    expect(await codes({ first: 5, last: 5 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ first: -1 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ first: 5, after: 'not-a-cursor' })).toEqual(['BAD_USER_INPUT']);
    const page = ok(await api.run(HOUSES, { first: 2 })).ruralHouses;
    expect(
      await codes({
        first: 2,
        after: page.pageInfo.endCursor,
        orderBy: [{ field: 'FLOOR_AREA', direction: 'ASC' }],
      }),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('pages nested connections per parent with their own cursors', async () => {
    const query = `query($after: String) { villages(first: 3) { nodes { name houses(first: 2, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { address } } } } }`;
    const first = ok(await api.run(query)).villages.nodes;
    for (const v of first) {
      const [{ n }] = await api.sql(
        'select count(*)::int as n from rural_house h join village v on v.id = h.village_id where v.name_zh = ?',
        [v.name],
      );
      expect(v.houses.totalCount).toBe(n);
      expect(v.houses.nodes.length).toBe(Math.min(2, n));
    }
    const village = first.find((v: any) => v.houses.pageInfo.hasNextPage);
    const next = ok(await api.run(query, { after: village.houses.pageInfo.endCursor })).villages.nodes;
    const same = next.find((v: any) => v.name === village.name);
    expect(same.houses.nodes[0].address).not.toBe(village.houses.nodes[1].address);
    const rows = await api.sql(
      'select address from rural_house h join village v on v.id = h.village_id where v.name_zh = ? order by address, h.id limit 4',
      [village.name],
    );
    expect(same.houses.nodes.map((h: any) => h.address)).toEqual(rows.slice(2, 4).map((r) => r.address));
  });
});

describe('nested totals', () => {
  it('keeps totalCount of a nested list when the cursor is past its last item', async () => {
    const query = `query($after: String) { villages(first: 1, where: { name: { eq: "东山村" } }) { nodes { houses(first: 100, after: $after) { totalCount pageInfo { endCursor } nodes { id } } } } }`;
    const all = ok(await api.run(query)).villages.nodes[0].houses;
    expect(all.totalCount).toBeGreaterThan(0);
    const past = ok(await api.run(query, { after: all.pageInfo.endCursor })).villages.nodes[0].houses;
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(all.totalCount);
  });
});

describe('keyset cursors over nullable sort keys', () => {
  const TALENTS = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [TalentOrder!]) {
    talents(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id arrivedOn }
    }
  }`;

  async function walkTalents(direction: 'ASC' | 'DESC', backwards: boolean) {
    const orderBy = [{ field: 'ARRIVED_ON', direction }];
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const vars = backwards ? { orderBy, last: 7, before: cursor } : { orderBy, first: 7, after: cursor };
      const page: any = ok(await api.run(TALENTS, vars)).talents;
      const pageIds = page.nodes.map((n: any) => n.id);
      if (backwards) ids.unshift(...pageIds);
      else ids.push(...pageIds);
      if (!(backwards ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return ids;
      cursor = backwards ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    }
    throw new Error('did not reach the end');
  }

  it.each(['ASC', 'DESC'] as const)(
    'walks talents by arrival date %s (some unknown) both ways like the database',
    async (direction) => {
      const [{ nulls }] = await api.sql(
        'select count(*)::int as nulls from talent where public_profile and arrived_on is null',
      );
      expect(nulls).toBeGreaterThan(0);
      const expected = await api.sql(
        `select id from talent where public_profile order by arrived_on ${direction} nulls ${direction === 'ASC' ? 'last' : 'first'}, id ${direction}`,
      );
      const pk = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
      const forward = await walkTalents(direction, false);
      expect(forward.map(pk)).toEqual(expected.map((r) => r.id));
      expect(await walkTalents(direction, true)).toEqual(forward);
    },
  );
});
