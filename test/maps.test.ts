import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { ok, useApi } from './helpers.js';

const api = useApi();
const centre = { lat: 37.11, lng: 122.19 };

/** Great-circle distance in km (haversine), the same formula as the API's. */
function km(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 +
    Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe('maps', () => {
  it('filters villages and houses near a point and orders them by distance', async () => {
    const near = { ...centre, radiusKm: 3 };
    const data = ok(
      await api.run(
        `query($near: NearFilter!) {
          villages(first: 100, where: { near: $near }, orderBy: [{ field: DISTANCE }]) { totalCount nodes { location { lat lng } } }
          ruralHouses(first: 100, where: { near: $near }, orderBy: [{ field: DISTANCE, direction: DESC }]) { totalCount nodes { location { lat lng } } }
        }`,
        { near },
      ),
    );
    const all = await api.sql(
      'select lat::float as lat, lng::float as lng from village where lat is not null',
    );
    const inside = all.filter((v) => km(centre, v) <= 3).length;
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(all.length);
    expect(data.villages.totalCount).toBe(inside);
    const distances = data.villages.nodes.map((v: any) => km(centre, v.location));
    expect(distances.every((d: number) => d <= 3.0001)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const houseDistances = data.ruralHouses.nodes.map((h: any) => km(centre, h.location));
    expect([...houseDistances].sort((a, b) => b - a)).toEqual(houseDistances);
  });

  it('orders by distance with the point bound: one statement text for every point, nested lists too', async () => {
    const query = `query($near: NearFilter!) {
      villages(first: 5, where: { near: $near }, orderBy: [{ field: DISTANCE }]) {
        nodes { location { lat lng } houses(first: 5, where: { near: $near }, orderBy: [{ field: DISTANCE }]) { nodes { location { lat lng } } } }
      }
    }`;
    const other = { lat: 37.17, lng: 122.27 };
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    const run = async (point: { lat: number; lng: number }) => {
      spy.mockClear();
      const result = await api.run(query, { near: { ...point, radiusKm: 30 } });
      const texts = spy.mock.calls.map(([c]) => (typeof c === 'string' ? c : (c as { text: string }).text));
      return { data: ok(result), statements: result.statements, texts };
    };
    try {
      await run(centre); // learns the nested list's row type: later reads fold it into one statement
      const a = await run(centre);
      const b = await run(other);
      expect(a.texts.length).toBeGreaterThan(0);
      expect(b.texts).toEqual(a.texts);
      expect(b.statements).toBe(a.statements);
      expect(a.texts.join('\n')).not.toMatch(/37\.1|122\.[12]/);
      for (const [point, { data }] of [
        [centre, a],
        [other, b],
      ] as const) {
        const villages = data.villages.nodes as any[];
        expect(villages.length).toBeGreaterThan(1);
        const distances = villages.map((v) => km(point, v.location));
        expect([...distances].sort((x, y) => x - y)).toEqual(distances);
        for (const v of villages) {
          const houses = v.houses.nodes.map((h: any) => km(point, h.location));
          expect([...houses].sort((x, y) => x - y)).toEqual(houses);
        }
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses DISTANCE without a point, and absurd points', async () => {
    const without = await api.run('{ villages(orderBy: [{ field: DISTANCE }]) { totalCount } }');
    expect(without.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const absurd = await api.run(
      '{ villages(where: { near: { lat: 123, lng: 0, radiusKm: 1 } }) { totalCount } }',
    );
    expect(absurd.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a GeoJSON FeatureCollection of villages with names, themes and counts', async () => {
    const result = await api.run(
      `{ villagesGeoJson(where: { themes: { some: { code: { eq: "tea" } } } }, locale: EN) }`,
    );
    const geo = ok(result).villagesGeoJson;
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.truncated).toBe(false);
    expect(geo.features.length).toBeGreaterThan(0);
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lng, lat] = f.geometry.coordinates;
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(lng)).toBeLessThanOrEqual(180);
      expect(f.properties.themes).toContain('tea');
      expect(f.properties.name).toMatch(/Village$/);
      expect(typeof f.properties.houses).toBe('number');
    }
    expect(result.statements).toBe(1);
  });
});
