import { describe, expect, it } from 'vitest';
import { distanceOrder, nearDistance } from '../../src/data/where.js';
import { MAP_LIMIT, mapLimit } from '../../src/graphql/geojson.js';
import { refused, sqlOf } from './support.js';

const near = { lat: 37.11, lng: 122.19, radiusKm: 3 };

describe('nearDistance: the distance from the `near` point of a where', () => {
  it('is the very expression a DISTANCE sort uses, the point bound as parameters', () => {
    const distance = sqlOf(nearDistance({ near }))!;
    expect(distance).toEqual(sqlOf(distanceOrder({ near })));
    expect(distance.text).not.toMatch(/37\.11|122\.19/);
    expect(distance.params).toEqual([37.11, 37.11, 122.19]);
    // Another point: the same text (one prepared statement), other parameters.
    const other = sqlOf(nearDistance({ near: { lat: 1, lng: 2, radiusKm: 5 } }))!;
    expect(other.text).toBe(distance.text);
    expect(other.params).toEqual([1, 1, 2]);
  });

  it('is null without a point of the where’s own', () => {
    expect(nearDistance(undefined)).toBeNull();
    expect(nearDistance(null)).toBeNull();
    expect(nearDistance({ name: { eq: 'x' } })).toBeNull();
    expect(nearDistance({ and: [{ near }] })).toBeNull();
    expect(nearDistance({ near: null })).toBeNull();
  });

  it('refuses absurd points and radii', () => {
    for (const bad of [
      { ...near, lat: 90.01 },
      { ...near, lng: -181 },
      { ...near, radiusKm: 0 },
      { ...near, radiusKm: 20_001 },
      { ...near, lat: Number.NaN },
    ]) {
      refused(() => nearDistance({ near: bad }), 'where.near');
    }
  });
});

describe('mapLimit: the most features of a map', () => {
  it('is MAP_LIMIT by default, 0 to MAP_LIMIT when given', () => {
    expect(mapLimit(undefined)).toBe(MAP_LIMIT);
    expect(mapLimit(null)).toBe(MAP_LIMIT);
    expect(mapLimit(0)).toBe(0);
    expect(mapLimit(MAP_LIMIT)).toBe(MAP_LIMIT);
    for (const bad of [-1, MAP_LIMIT + 1, 2.5, Number.NaN]) refused(() => mapLimit(bad), 'limit');
  });
});
