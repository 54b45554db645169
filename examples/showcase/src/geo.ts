import type { ShowcaseMapQuery } from './generated/graphql';

/** A village on the map: its global id, slug, name, themes and [lng, lat]. */
export interface VillagePoint {
  id: string;
  slug: string;
  name: string;
  themes: string[];
  lng: number;
  lat: number;
}

/** The villages of the API's typed GeoJSON (`villageMap`: Points, `[lng, lat]`) as VillagePoints. */
export function pointsOf(map: ShowcaseMapQuery['villageMap']): VillagePoint[] {
  return map.features.map(({ id, geometry, properties }) => ({
    id,
    slug: properties.slug,
    name: properties.name,
    themes: properties.themes,
    lng: geometry.coordinates[0]!,
    lat: geometry.coordinates[1]!,
  }));
}

/** Great-circle distance in km (haversine), for the map's scale bar. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
