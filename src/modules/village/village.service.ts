import type { GraphQLResolveInfo } from 'graphql';
import type { ListArgs } from '../../data/query.js';
import { readAlongBy } from '../../data/registry.js';
import { sql } from '../../data/sql.js';
import { defineTable, listedBy, type Row } from '../../data/table.js';
import { childConnection, childReads, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { type FeatureCollectionResult, MAP_LIMIT, mapOf, nameIn } from '../../graphql/geojson.js';
import { toGlobalId } from '../../graphql/ids.js';
import { Locale } from '../../graphql/locale.js';
import { slugsOf } from '../slug/slugs.js';
import { Village } from './village.entity.js';
import { type VillageFeatureProperties, VillageList } from './village.types.js';

export const villageTable = defineTable({
  entity: Village,
  filters: VillageList.filters,
  orders: VillageList.orders,
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in village.module.ts). */
export const BY_TOWN = readAlongBy('Region.villages', villageTable, 'town');

const BY_THEME = listedBy(villageTable, 'themes');

/** The slugs of villages: kept by the writes, looked up by `bySlug`. */
export const villageSlugs = slugsOf(villageTable, 'village');

/** Reads of villages. */
export const villageService = {
  ...tableReads(villageTable),

  bySlug: villageSlugs.find,

  byTown: childReads(villageTable, BY_TOWN),

  byTheme: (ctx: Context, theme: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, villageTable, BY_THEME, theme.pk, args, info),

  /**
   * Villages matching `where` that have a location, as a typed GeoJSON FeatureCollection: one Point
   * feature per village with its slug, name in `locale`, themes, counts and distance from the
   * `near` point of `where`; nearest first when it has one, else by id; at most `limit` features (MAP_LIMIT by default),
   * the bounding box of those and the number matched. One SQL statement.
   */
  map(
    ctx: Context,
    where: unknown,
    locale: Locale,
    limit: number = MAP_LIMIT,
  ): Promise<FeatureCollectionResult<VillageFeatureProperties>> {
    type Columns = {
      slug: string;
      name: string;
      specialty: boolean;
      themes: string[] | null;
      houses: number;
      projects: number;
    };
    const select = sql`t.slug, ${nameIn('t', locale)} as name, t.is_specialty as specialty,
      (select array_agg(th.code order by th.position) from village_theme vt join theme th on th.id = vt.theme_id where vt.village_id = t.id) as themes,
      (select count(*)::int from rural_house h where h.village_id = t.id and h.archived_at is null) as houses,
      (select count(*)::int from project p where p.village_id = t.id and p.archived_at is null) as projects`;
    return mapOf<Columns, VillageFeatureProperties>(ctx, villageTable, { where, limit, select }, (r) => ({
      id: toGlobalId('Village', r.id),
      slug: r.slug,
      name: r.name,
      isSpecialty: r.specialty,
      themes: r.themes ?? [],
      houseCount: r.houses,
      projectCount: r.projects,
      distanceKm: r.distance,
    }));
  },

  /**
   * The untyped GeoJSON of `villagesGeoJson` (deprecated for `villageMap`): the features of `map`
   * with their first properties (`houses`, `projects`).
   */
  async geoJson(ctx: Context, where: unknown, locale: Locale) {
    const map = await villageService.map(ctx, where, locale);
    return {
      type: map.type,
      truncated: map.truncated,
      features: map.features.map((f) => ({
        type: f.type,
        id: f.id,
        geometry: f.geometry,
        properties: {
          name: f.properties.name,
          isSpecialty: f.properties.isSpecialty,
          themes: f.properties.themes,
          houses: f.properties.houseCount,
          projects: f.properties.projectCount,
        },
      })),
    };
  },
};

/** The most features `villagesGeoJson` gives (the limit of every map). */
export const GEOJSON_LIMIT = MAP_LIMIT;
