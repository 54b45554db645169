/**
 * The villages' positions from the API's GeoJSON. Today `villagesGeoJson` is a JSONObject, so its
 * shape is checked here, feature by feature (a feature that is not a Point with two numbers is left
 * out). When the schema types it (`villageMap: FeatureCollection`), the generated types give this
 * shape and `pointsOf` shrinks to a map over `features`.
 */

/** A village on the map: its global id, name, themes and [lng, lat]. */
export interface VillagePoint {
  id: string;
  name: string;
  themes: string[];
  lng: number;
  lat: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The Point features of a GeoJSON FeatureCollection, as VillagePoints. */
export function pointsOf(collection: unknown): VillagePoint[] {
  if (
    !isObject(collection) ||
    collection.type !== 'FeatureCollection' ||
    !Array.isArray(collection.features)
  ) {
    return [];
  }
  const points: VillagePoint[] = [];
  for (const feature of collection.features as unknown[]) {
    if (!isObject(feature) || !isObject(feature.geometry) || feature.geometry.type !== 'Point') continue;
    const [lng, lat] = Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : [];
    if (
      typeof lng !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lng) ||
      !Number.isFinite(lat)
    ) {
      continue;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    points.push({
      id: String(feature.id ?? ''),
      name: typeof properties.name === 'string' ? properties.name : '',
      themes: Array.isArray(properties.themes) ? properties.themes.filter((t) => typeof t === 'string') : [],
      lng,
      lat,
    });
  }
  return points;
}

/** Great-circle distance in km (haversine), for the map's scale bar. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
