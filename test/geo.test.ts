import { check } from '@placemarkio/check-geojson';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { costWith, plan } from '../src/graphql/cost.js';
import { parseGlobalId, toGlobalId } from '../src/graphql/ids.js';
import { getSchema } from '../src/graphql/schema.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, type Result, tokenFor, useApi } from './helpers.js';

/*
 * Maps: the typed GeoJSON of villages and houses (`villageMap`, `ruralHouseMap`) and the distance of
 * each item of a list from its `near` point (`distanceKm` on edges), through the schema on the demo
 * data, checked against SQL, an independent haversine and a GeoJSON validator.
 */

const api = useApi();
const writes = useApi({ writes: true });

type Point = { lat: number; lng: number };
const centre: Point = { lat: 37.11, lng: 122.19 };

/** Great-circle distance in km, computed here (not by the API's SQL). */
function km(a: Point, b: Point) {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 +
    Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const uuidOf = (id: string) => parseGlobalId(id)!.uuid;
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);
const codeOf = (r: Result) => r.errors?.[0]?.extensions?.code;
const fieldOf = (r: Result) => r.errors?.[0]?.extensions?.field;

/**
 * The answer's JSON is GeoJSON a map library takes: valid for @placemarkio/check-geojson (RFC 7946
 * types, positions, ids, properties), and what that validator does not check: positions in range,
 * a bbox of four numbers holding every feature.
 */
function expectGeoJson(collection: any) {
  expect(() => check(JSON.stringify(collection))).not.toThrow();
  expect(collection.type).toBe('FeatureCollection');
  for (const f of collection.features) {
    expect(f.type).toBe('Feature');
    expect(typeof f.id).toBe('string');
    expect(f.geometry.type).toBe('Point');
    const [lng, lat] = f.geometry.coordinates;
    expect(f.geometry.coordinates).toHaveLength(2);
    expect(Math.abs(lng)).toBeLessThanOrEqual(180);
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
  }
  if (collection.features.length === 0) {
    expect(collection.bbox).toBeNull();
    return;
  }
  const [west, south, east, north] = collection.bbox;
  expect(collection.bbox).toHaveLength(4);
  const lngs = collection.features.map((f: any) => f.geometry.coordinates[0]);
  const lats = collection.features.map((f: any) => f.geometry.coordinates[1]);
  expect([west, south, east, north]).toEqual([
    Math.min(...lngs),
    Math.min(...lats),
    Math.max(...lngs),
    Math.max(...lats),
  ]);
}

const VILLAGE_MAP = `query($where: VillageWhere, $locale: Locale, $limit: Int) {
  villageMap(where: $where, locale: $locale, limit: $limit) {
    __typename type bbox truncated totalCount
    features {
      __typename type id
      geometry { __typename type coordinates }
      properties { __typename id slug name isSpecialty themes houseCount projectCount distanceKm }
    }
  }
}`;

const HOUSE_MAP = `query($where: RuralHouseWhere, $locale: Locale, $limit: Int) {
  ruralHouseMap(where: $where, locale: $locale, limit: $limit) {
    __typename type bbox truncated totalCount
    features {
      __typename type id
      geometry { __typename type coordinates }
      properties { __typename id address status currentUse floorAreaM2 villageId villageSlug villageName distanceKm }
    }
  }
}`;

/** Villages and houses of the demo data as SQL has them (positions as numbers). */
const villagesInSql = () =>
  api.sql<any>(
    `select v.id, v.slug, v.name_zh, v.name_en, v.is_specialty, v.lat::float8 as lat, v.lng::float8 as lng, r.code as town,
       coalesce((select array_agg(th.code order by th.position) from village_theme vt join theme th on th.id = vt.theme_id where vt.village_id = v.id), '{}') as themes,
       (select count(*)::int from rural_house h where h.village_id = v.id and h.archived_at is null) as houses,
       (select count(*)::int from project p where p.village_id = v.id and p.archived_at is null) as projects
     from village v join region r on r.id = v.town_id
     where v.archived_at is null and v.lat is not null and v.lng is not null order by v.id`,
  );
const housesInSql = () =>
  api.sql<any>(
    `select h.id, h.address, h.address_en, h.status, h.current_use, h.floor_area_m2::text as area, h.lat::float8 as lat, h.lng::float8 as lng,
       v.id as village_id, v.slug as village_slug, v.name_zh as village_zh, v.name_en as village_en
     from rural_house h join village v on v.id = h.village_id
     where h.archived_at is null and h.lat is not null and h.lng is not null order by h.id`,
  );

describe('villageMap: typed GeoJSON of villages', () => {
  it("gives the demo town's specialty villages as valid GeoJSON, each as SQL has it, in one statement", async () => {
    const expected = (await villagesInSql()).filter((v) => v.town === 'dashuibo' && v.is_specialty);
    expect(expected.length).toBeGreaterThan(1);
    const result = await api.run(VILLAGE_MAP, {
      where: { town: { code: { eq: 'dashuibo' } }, isSpecialty: { eq: true } },
      locale: 'EN',
    });
    expect(result.statements).toBe(1);
    const map = ok(result).villageMap;
    expectGeoJson(map);
    expect(map).toMatchObject({
      __typename: 'VillageFeatureCollection',
      totalCount: expected.length,
      truncated: false,
    });
    // Without a `near` point: in a stable order, by id.
    expect(map.features.map((f: any) => uuidOf(f.id))).toEqual(expected.map((v) => v.id));
    map.features.forEach((f: any, i: number) => {
      const v = expected[i]!;
      expect(f).toEqual({
        __typename: 'VillageFeature',
        type: 'Feature',
        id: toGlobalId('Village', v.id),
        geometry: { __typename: 'PointGeometry', type: 'Point', coordinates: [v.lng, v.lat] },
        properties: {
          __typename: 'VillageFeatureProperties',
          id: toGlobalId('Village', v.id),
          slug: v.slug,
          name: v.name_en,
          isSpecialty: true,
          themes: v.themes,
          houseCount: v.houses,
          projectCount: v.projects,
          distanceKm: null,
        },
      });
    });
    // In Chinese, the same features with the Chinese names.
    const zh = ok(
      await api.run(VILLAGE_MAP, {
        where: { town: { code: { eq: 'dashuibo' } }, isSpecialty: { eq: true } },
        locale: 'ZH',
      }),
    ).villageMap;
    expect(zh.features.map((f: any) => f.properties.name)).toEqual(expected.map((v) => v.name_zh));
  });

  it('keeps the deprecated villagesGeoJson working, with the same features', async () => {
    const where = { themes: { some: { code: { eq: 'tea' } } } };
    const typed = ok(await api.run(VILLAGE_MAP, { where, locale: 'EN' })).villageMap;
    const result = await api.run(
      'query($where: VillageWhere) { villagesGeoJson(where: $where, locale: EN) }',
      { where },
    );
    expect(result.statements).toBe(1);
    const old = ok(result).villagesGeoJson;
    expectGeoJson({ ...old, bbox: typed.bbox });
    expect(old.features.map((f: any) => f.id)).toEqual(typed.features.map((f: any) => f.id));
    expect(old.features[0].properties).toEqual({
      name: typed.features[0].properties.name,
      isSpecialty: typed.features[0].properties.isSpecialty,
      themes: typed.features[0].properties.themes,
      houses: typed.features[0].properties.houseCount,
      projects: typed.features[0].properties.projectCount,
    });
    const schema = await getSchema();
    expect(schema.getQueryType()!.getFields().villagesGeoJson!.deprecationReason).toMatch(/villageMap/);
  });
});

describe('ruralHouseMap: typed GeoJSON of houses', () => {
  it("gives a village's houses with their public fields only, the same for anyone, in one statement", async () => {
    const houses = await housesInSql();
    // The village with the most houses.
    const counts = new Map<string, number>();
    for (const h of houses) counts.set(h.village_slug, (counts.get(h.village_slug) ?? 0) + 1);
    const slug = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const expected = houses.filter((h) => h.village_slug === slug);
    expect(expected.length).toBeGreaterThan(5);
    const variables = { where: { village: { slug: { eq: slug } } }, locale: 'ZH' };
    const anonymous = await api.run(HOUSE_MAP, variables);
    expect(anonymous.statements).toBe(1);
    const map = ok(anonymous).ruralHouseMap;
    expectGeoJson(map);
    expect(map.totalCount).toBe(expected.length);
    expect(map.truncated).toBe(false);
    expect(map.features.map((f: any) => uuidOf(f.id))).toEqual(expected.map((h) => h.id));
    map.features.forEach((f: any, i: number) => {
      const h = expected[i]!;
      expect(f.geometry.coordinates).toEqual([h.lng, h.lat]);
      expect(f.properties).toEqual({
        __typename: 'RuralHouseFeatureProperties',
        id: toGlobalId('RuralHouse', h.id),
        address: h.address,
        status: h.status,
        currentUse: h.current_use,
        floorAreaM2: h.area,
        villageId: toGlobalId('Village', h.village_id),
        villageSlug: slug,
        villageName: h.village_zh,
        distanceKm: null,
      });
    });
    // An official of the town, who may read the owner household in lists, gets the very same map:
    // the map has no private field.
    // In English: the English address (the Chinese one where there is none) and village name.
    const english = ok(await api.run(HOUSE_MAP, { ...variables, locale: 'EN' })).ruralHouseMap;
    expect(english.features.map((f: any) => [f.properties.address, f.properties.villageName])).toEqual(
      expected.map((h) => [h.address_en || h.address, h.village_en || h.village_zh]),
    );
    expect(expected.some((h) => h.address_en && h.address_en !== h.address)).toBe(true);
    const token = await tokenFor(api, 'geo-official', Role.OFFICIAL, 'dashuibo');
    expect(ok(await api.run(HOUSE_MAP, variables, { token })).ruralHouseMap).toEqual(map);
    const schema = await getSchema();
    const fields = Object.keys(
      (schema.getType('RuralHouseFeatureProperties') as any).getFields() as Record<string, unknown>,
    );
    expect(fields.filter((f) => /owner|tenant|lease/i.test(f))).toEqual([]);
    const owners = await api.sql<any>('select owner_household from rural_house where id = ?', [
      expected[0]!.id,
    ]);
    expect(owners[0].owner_household).toBeTruthy();
    expect(JSON.stringify(map)).not.toContain(owners[0].owner_household);
  });

  it('maps every house with a location, with the village name in English', async () => {
    const houses = await housesInSql();
    const result = await api.run(HOUSE_MAP, { locale: 'EN' });
    expect(result.statements).toBe(1);
    const map = ok(result).ruralHouseMap;
    expectGeoJson(map);
    expect(map.totalCount).toBe(houses.length);
    expect(map.features).toHaveLength(Math.min(houses.length, 5000));
    const byId = new Map(houses.map((h) => [toGlobalId('RuralHouse', h.id), h]));
    for (const f of map.features) expect(f.properties.villageName).toBe(byId.get(f.id).village_en);
  });
});

describe('maps near a point', () => {
  const radiusKm = 4;
  const near = { ...centre, radiusKm };

  it('gives distances from the point, nearest first, within the radius', async () => {
    const villages = (await villagesInSql()).filter((v) => km(centre, v) <= radiusKm);
    const houses = (await housesInSql()).filter((h) => km(centre, h) <= radiusKm);
    expect(villages.length).toBeGreaterThan(1);
    expect(houses.length).toBeGreaterThan(10);
    for (const [query, field, expected] of [
      [VILLAGE_MAP, 'villageMap', villages],
      [HOUSE_MAP, 'ruralHouseMap', houses],
    ] as const) {
      const result = await api.run(query, { where: { near } });
      expect(result.statements).toBe(1);
      const map = ok(result)[field];
      expectGeoJson(map);
      expect(map.totalCount).toBe(expected.length);
      expect(new Set(map.features.map((f: any) => uuidOf(f.id)))).toEqual(new Set(expected.map((x) => x.id)));
      const distances = map.features.map((f: any) => f.properties.distanceKm);
      expect(ascending(distances)).toBe(true);
      for (const f of map.features) {
        const [lng, lat] = f.geometry.coordinates;
        expect(f.properties.distanceKm).toBeCloseTo(km(centre, { lat, lng }), 6);
        expect(f.properties.distanceKm).toBeLessThanOrEqual(radiusKm);
      }
    }
  });

  it('cuts at `limit`: the nearest features, `truncated`, the number matched, their bounding box', async () => {
    const all = ok(await api.run(HOUSE_MAP, { where: { near } })).ruralHouseMap;
    const five = ok(await api.run(HOUSE_MAP, { where: { near }, limit: 5 })).ruralHouseMap;
    expectGeoJson(five);
    expect(five.features).toEqual(all.features.slice(0, 5));
    expect(five).toMatchObject({ truncated: true, totalCount: all.totalCount });
    expect(five.bbox).not.toEqual(all.bbox);
    const none = ok(await api.run(HOUSE_MAP, { where: { near }, limit: 0 })).ruralHouseMap;
    expectGeoJson(none);
    expect(none).toMatchObject({ features: [], bbox: null, truncated: true, totalCount: all.totalCount });
    const exact = ok(await api.run(HOUSE_MAP, { where: { near }, limit: all.totalCount })).ruralHouseMap;
    expect(exact.truncated).toBe(false);
  });
});

describe('maps refuse hostile input with coded errors', () => {
  const run = (query: string, variables: Record<string, unknown>) => api.run(query, variables);

  it('refuses absurd points and radii, bad limits, wrong ids', async () => {
    for (const bad of [
      { lat: 91, lng: 0, radiusKm: 1 },
      { lat: -90.5, lng: 0, radiusKm: 1 },
      { lat: 0, lng: 181, radiusKm: 1 },
      { lat: 0, lng: -180.01, radiusKm: 1 },
      { lat: 0, lng: 0, radiusKm: 0 },
      { lat: 0, lng: 0, radiusKm: -3 },
      { lat: 0, lng: 0, radiusKm: 20_001 },
      { lat: 0, lng: 0, radiusKm: 1e300 },
    ]) {
      for (const query of [VILLAGE_MAP, HOUSE_MAP]) {
        const result = await run(query, { where: { near: bad } });
        expect(codeOf(result), JSON.stringify(bad)).toBe('BAD_USER_INPUT');
        expect(fieldOf(result)).toBe('where.near');
        expect(result.data).toBeNull();
      }
    }
    // Not numbers: refused by the schema when the variables are read.
    const text = await run(VILLAGE_MAP, { where: { near: { lat: 'north', lng: 0, radiusKm: 1 } } });
    expect(codeOf(text)).toBe('BAD_USER_INPUT');
    const missing = await run(HOUSE_MAP, { where: { near: { lat: 1, lng: 1 } } });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    for (const limit of [5001, -1, 1e6]) {
      const result = await run(HOUSE_MAP, { limit });
      expect(codeOf(result), String(limit)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe('limit');
    }
    expect(codeOf(await run(HOUSE_MAP, { limit: 1.5 }))).toBe('BAD_USER_INPUT');
    // An id of another type, and no id at all.
    const region = (await api.sql<any>('select id from region limit 1'))[0].id;
    for (const id of [toGlobalId('Region', region), 'not an id']) {
      const result = await run(HOUSE_MAP, { where: { village: { id: { eq: id } } } });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
  });

  it('answers an empty, still valid, collection when nothing matches', async () => {
    const nobody = toGlobalId('Village', '00000000-0000-4000-8000-000000000000');
    const map = ok(await run(HOUSE_MAP, { where: { village: { id: { eq: nobody } } } })).ruralHouseMap;
    expect(map).toMatchObject({ features: [], bbox: null, truncated: false, totalCount: 0 });
    expectGeoJson(map);
    const far = ok(await run(VILLAGE_MAP, { where: { near: { lat: -60, lng: -30, radiusKm: 100 } } }));
    expect(far.villageMap).toMatchObject({ features: [], totalCount: 0 });
  });

  it('costs what the GeoJSON of villages cost: 500 a map', async () => {
    const schema = await getSchema();
    const costOf = (text: string) => {
      const document = parse(text);
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
      return costWith(
        plan(schema, document, operation as never, { maxCost: 1e12, maxAliases: 1e6, maxFields: 1e6 }),
        {},
      );
    };
    const feature = 'features { id geometry { coordinates } properties { name } }';
    expect(costOf(`{ villageMap { ${feature} } }`)).toBe(500 + 3);
    expect(costOf(`{ ruralHouseMap(limit: 10) { totalCount } }`)).toBe(500);
    expect(costOf(`{ villagesGeoJson }`)).toBe(500);
  });
});

/** A list of villages or houses near a point, with each edge's distance. */
const NEAR_LIST = (list: 'villages' | 'ruralHouses', args: string) =>
  `query($near: NearFilter!, $after: String, $before: String, $first: Int, $last: Int) {
    ${list}(where: { near: $near }, first: $first, last: $last, after: $after, before: $before${args}) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor distanceKm node { id location { lat lng } } }
    }
  }`;

describe('distanceKm on the edges of lists near a point', () => {
  const radiusKm = 2;
  const near = { ...centre, radiusKm };

  it('gives each item its distance, ascending or descending, in one statement', async () => {
    for (const list of ['villages', 'ruralHouses'] as const) {
      const inSql = list === 'villages' ? await villagesInSql() : await housesInSql();
      const inside = inSql.filter((x) => km(centre, x) <= radiusKm + 2);
      for (const direction of ['ASC', 'DESC']) {
        const result = await api.run(
          NEAR_LIST(list, `, orderBy: [{ field: DISTANCE, direction: ${direction} }]`),
          {
            near: { ...centre, radiusKm: radiusKm + 2 },
            first: 100,
          },
        );
        expect(result.statements).toBe(1);
        const page = ok(result)[list];
        expect(page.totalCount).toBe(inside.length);
        const distances = page.edges.map((e: any) => e.distanceKm);
        for (const e of page.edges) {
          expect(e.distanceKm).toBeCloseTo(km(centre, e.node.location), 6);
          expect(e.distanceKm).toBeLessThanOrEqual(radiusKm + 2);
        }
        expect(ascending(direction === 'ASC' ? distances : [...distances].reverse())).toBe(true);
      }
    }
  });

  it('gives it when the list is filtered by the point but sorted otherwise; null without a point of its own', async () => {
    const byName = ok(
      await api.run(
        `query($near: NearFilter!) { villages(first: 100, where: { near: $near }) { edges { distanceKm node { location { lat lng } } } } }`,
        { near },
      ),
    ).villages.edges;
    expect(byName.length).toBeGreaterThan(0);
    for (const e of byName) expect(e.distanceKm).toBeCloseTo(km(centre, e.node.location), 6);
    const plain = ok(
      await api.run(
        '{ villages(first: 5) { edges { distanceKm } } ruralHouses(first: 5) { edges { distanceKm } } }',
      ),
    );
    expect([...plain.villages.edges, ...plain.ruralHouses.edges].map((e: any) => e.distanceKm)).toEqual(
      Array(10).fill(null),
    );
    // A point inside `and`, or of a relation, is not the list's own.
    const inner = ok(
      await api.run(
        `query($near: NearFilter!) {
          villages(first: 5, where: { and: [{ near: $near }] }) { edges { distanceKm } }
          ruralHouses(first: 5, where: { village: { near: $near } }) { edges { distanceKm } }
        }`,
        { near },
      ),
    );
    expect(inner.villages.edges.length).toBeGreaterThan(0);
    expect(
      [...inner.villages.edges, ...inner.ruralHouses.edges].every((e: any) => e.distanceKm === null),
    ).toBe(true);
  });

  it('reads nested lists near a point along with their parents: one statement, each distance right', async () => {
    const other: Point = { lat: 37.09, lng: 122.22 };
    const query = `{
      villages(first: 5, where: { near: { lat: ${centre.lat}, lng: ${centre.lng}, radiusKm: 30 } }, orderBy: [{ field: DISTANCE }]) {
        edges {
          distanceKm
          node {
            location { lat lng }
            houses(first: 5, where: { near: { lat: ${other.lat}, lng: ${other.lng}, radiusKm: 30 } }, orderBy: [{ field: DISTANCE }]) {
              totalCount edges { distanceKm node { location { lat lng } } }
            }
          }
        }
      }
    }`;
    await api.run(query); // the first request of a shape learns the nested list's row type
    const result = await api.run(query);
    expect(result.statements).toBe(1);
    const villages = ok(result).villages.edges;
    expect(villages).toHaveLength(5);
    expect(ascending(villages.map((v: any) => v.distanceKm))).toBe(true);
    for (const v of villages) {
      expect(v.distanceKm).toBeCloseTo(km(centre, v.node.location), 6);
      const houses = v.node.houses.edges;
      expect(houses.length).toBeGreaterThan(0);
      expect(ascending(houses.map((h: any) => h.distanceKm))).toBe(true);
      for (const h of houses) expect(h.distanceKm).toBeCloseTo(km(other, h.node.location), 6);
    }
  });

  it('pages by distance with cursors, forwards and backwards, each item once', async () => {
    const query = NEAR_LIST('ruralHouses', ', orderBy: [{ field: DISTANCE }]');
    const whole = ok(await api.run(query, { near, first: 100 })).ruralHouses;
    expect(whole.totalCount).toBeGreaterThan(10);
    expect(whole.totalCount).toBeLessThanOrEqual(100);
    const ids = whole.edges.map((e: any) => e.node.id);
    const forwards: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await api.run(query, { near, first: 7, after });
      expect(result.statements).toBe(after ? 2 : 1); // a later page counts its total apart
      const page: any = ok(result).ruralHouses;
      forwards.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forwards).toEqual(ids);
    const backwards: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: any = ok(await api.run(query, { near, last: 6, before })).ruralHouses;
      backwards.unshift(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backwards).toEqual(ids);
  });

  it('refuses a cursor of another point, DISTANCE without a point, pages too large', async () => {
    const query = NEAR_LIST('ruralHouses', ', orderBy: [{ field: DISTANCE }]');
    const first = ok(await api.run(query, { near, first: 3 })).ruralHouses;
    const elsewhere = await api.run(query, {
      near: { ...near, lat: near.lat + 0.01 },
      first: 3,
      after: first.pageInfo.endCursor,
    });
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    expect(fieldOf(elsewhere)).toBe('after');
    const forged = await api.run(query, {
      near,
      first: 3,
      after: Buffer.from(JSON.stringify(['x', 'not a number', 'nope'])).toString('base64url'),
    });
    expect(codeOf(forged)).toBe('BAD_USER_INPUT');
    const without = await api.run('{ ruralHouses(orderBy: [{ field: DISTANCE }]) { edges { distanceKm } } }');
    expect(codeOf(without)).toBe('BAD_USER_INPUT');
    expect(fieldOf(without)).toBe('orderBy');
    const large = await api.run(query, { near, first: 101 });
    expect(codeOf(large)).toBe('BAD_USER_INPUT');
    expect(fieldOf(large)).toBe('first');
    const huge = await api.run(query, { near: { ...centre, radiusKm: 1e12 }, first: 3 });
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    expect(fieldOf(huge)).toBe('where.near');
  });
});

describe('ties in distance (houses at one spot)', () => {
  // Far from the demo town and from any other test's points.
  const spot: Point = { lat: -45.123456, lng: 170.5 };
  const east: Point = { lat: -45.123456, lng: 170.6 };
  const south: Point = { lat: -45.2, lng: 170.5 };
  let made: { id: string; at: Point }[] = [];

  beforeAll(async () => {
    const token = await tokenFor(writes, 'geo-admin', Role.ADMIN);
    const town = ok(await writes.run('{ region(code: "dashuibo") { id } }')).region.id;
    const village = ok(
      await writes.run(
        'mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id } userErrors { code } } }',
        {
          input: {
            townId: town,
            nameZh: `远方测试村${process.pid}`,
            nameEn: `Faraway ${process.pid} Village`,
            location: spot,
          },
        },
        { token },
      ),
    ).createVillage.village.id;
    const at = [spot, spot, spot, east, east, east, east, south, south];
    made = [];
    for (const [i, point] of at.entries()) {
      const data = ok(
        await writes.run(
          'mutation($input: CreateRuralHouseInput!) { createRuralHouse(input: $input) { ruralHouse { id } userErrors { field code } } }',
          { input: { villageId: village, address: `远方路${i + 1}号`, floorAreaM2: '90', location: point } },
          { token },
        ),
      ).createRuralHouse;
      expect(data.userErrors).toEqual([]);
      made.push({ id: data.ruralHouse.id, at: point });
    }
  });

  /** The houses made, by distance from `spot` (computed here), then by id as PostgreSQL orders uuids. */
  const expectedOrder = () =>
    [...made]
      .sort((a, b) => km(spot, a.at) - km(spot, b.at) || (uuidOf(a.id) < uuidOf(b.id) ? -1 : 1))
      .map((h) => h.id);

  it('pages across ties by id, forwards and backwards, with equal distances', async () => {
    const near = { ...spot, radiusKm: 50 };
    const query = NEAR_LIST('ruralHouses', ', orderBy: [{ field: DISTANCE }]');
    const forwards: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await writes.run(query, { near, first: 2, after })).ruralHouses;
      expect(page.totalCount).toBe(made.length);
      forwards.push(...page.edges);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forwards.map((e) => e.node.id)).toEqual(expectedOrder());
    expect(forwards.slice(0, 3).map((e) => e.distanceKm)).toEqual([0, 0, 0]);
    expect(new Set(forwards.slice(3, 7).map((e) => e.distanceKm)).size).toBe(1);
    expect(forwards[3].distanceKm).toBeCloseTo(km(spot, east), 6);
    expect(forwards[8].distanceKm).toBeCloseTo(km(spot, south), 6);
    const backwards: any[] = [];
    let before: string | null = null;
    for (;;) {
      const page: any = ok(await writes.run(query, { near, last: 3, before })).ruralHouses;
      backwards.unshift(...page.edges);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backwards.map((e) => e.node.id)).toEqual(expectedOrder());
    // The map of the same point: the same order.
    const map = ok(await writes.run(HOUSE_MAP, { where: { near } })).ruralHouseMap;
    expectGeoJson(map);
    expect(map.features.map((f: any) => f.id)).toEqual(expectedOrder());
  });
});
