import type { GraphQLResolveInfo } from 'graphql';
import { type ListArgs, runSql } from '../../data/query.js';
import { readAlongBy } from '../../data/registry.js';
import { raw, Sql, sql } from '../../data/sql.js';
import { defineTable, listedBy, type Row } from '../../data/table.js';
import { compileWhere } from '../../data/where.js';
import { childConnection, childReads, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/ids.js';
import { Locale } from '../../graphql/locale.js';
import { slugsOf } from '../slug/slugs.js';
import { Village } from './village.entity.js';
import { VillageList } from './village.types.js';

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
   * Villages matching `where` as a GeoJSON FeatureCollection for map libraries: one Point feature
   * per village with coordinates, its name, themes and counts; one SQL statement; at most
   * GEOJSON_LIMIT features (`truncated` says when there were more).
   */
  async geoJson(ctx: Context, where: unknown, locale: Locale) {
    const condition = Sql.and([
      raw('t.archived_at is null and t.lat is not null and t.lng is not null'),
      compileWhere(ctx.viewer, villageTable, 't', where),
    ]);
    const name = locale === Locale.EN ? 'coalesce(t.name_en, t.name_zh)' : 't.name_zh';
    const rows = await runSql<{
      id: string;
      lat: string;
      lng: string;
      name: string;
      themes: string[] | null;
      houses: number;
      projects: number;
      specialty: boolean;
    }>(
      ctx,
      sql`select t.id, t.lat, t.lng, ${raw(name)} as name, t.is_specialty as specialty,
        (select array_agg(th.code order by th.position) from village_theme vt join theme th on th.id = vt.theme_id where vt.village_id = t.id) as themes,
        (select count(*)::int from rural_house h where h.village_id = t.id and h.archived_at is null) as houses,
        (select count(*)::int from project p where p.village_id = t.id and p.archived_at is null) as projects
        from village t where ${condition!} order by t.id limit ${GEOJSON_LIMIT + 1}`,
    );
    return {
      type: 'FeatureCollection',
      truncated: rows.length > GEOJSON_LIMIT,
      features: rows.slice(0, GEOJSON_LIMIT).map((r) => ({
        type: 'Feature',
        id: toGlobalId('Village', r.id),
        geometry: { type: 'Point', coordinates: [Number(r.lng), Number(r.lat)] },
        properties: {
          name: r.name,
          isSpecialty: r.specialty,
          themes: r.themes ?? [],
          houses: r.houses,
          projects: r.projects,
        },
      })),
    };
  },
};

export const GEOJSON_LIMIT = 5000;
