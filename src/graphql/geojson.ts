import { type ClassType, Field, Float, ID, Int } from 'type-graphql';
import { runSql } from '../data/query.js';
import { scopeOf } from '../data/select.js';
import { EMPTY, ident, ROOT, raw, Sql, sql } from '../data/sql.js';
import type { TableSpec } from '../data/table.js';
import { compileWhere, nearDistance } from '../data/where.js';
import { type EnumValue, enumOf, type Label } from '../db/enum.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
import { registerEnum } from './filters.js';
import { toGlobalId } from './ids.js';
import { Locale } from './locale.js';
import { ObjectType } from './object-type.js';

/*
 * Typed GeoJSON (RFC 7946) for maps: a FeatureCollection of Point features whose properties are an
 * object type of their own. The JSON of an answer is GeoJSON as it comes (`__typename` and the
 * collection's `truncated` and `totalCount` are foreign members, which map libraries ignore).
 */

/** The most features a map gives (`truncated` says when more matched). */
export const MAP_LIMIT = 5000;

/**
 * A one-value enum for a GeoJSON `type` member (so generated client types get the literal), labelled
 * and registered as every enum is.
 */
function geoJsonType<const V extends string>(value: V, label: Label, what: string) {
  const made = enumOf({ [value]: label } as { [K in V]: Label });
  registerEnum(made, {
    name: `GeoJSON${value}Type`,
    description: `The GeoJSON \`type\` of a ${what}: always "${value}".`,
  });
  return made;
}

/** The GeoJSON type of a Point geometry. */
export const GeoJsonPointType = geoJsonType(
  'Point',
  ['Point', '点', 'one position (RFC 7946 §3.1.2)', '一个位置'],
  'Point geometry',
);
export type GeoJsonPointType = EnumValue<typeof GeoJsonPointType>;

/** The GeoJSON type of a Feature. */
export const GeoJsonFeatureType = geoJsonType(
  'Feature',
  ['Feature', '要素', 'a spatially bounded thing (RFC 7946 §3.2)', '一个有位置的对象'],
  'Feature',
);
export type GeoJsonFeatureType = EnumValue<typeof GeoJsonFeatureType>;

/** The GeoJSON type of a FeatureCollection. */
export const GeoJsonFeatureCollectionType = geoJsonType(
  'FeatureCollection',
  ['Feature collection', '要素集', 'a list of features (RFC 7946 §3.3)', '要素的集合'],
  'FeatureCollection',
);
export type GeoJsonFeatureCollectionType = EnumValue<typeof GeoJsonFeatureCollectionType>;

/** A GeoJSON Point: one position, longitude first. */
@ObjectType('PointGeometry', {
  description: 'A GeoJSON Point geometry (RFC 7946 §3.1.2): one position, WGS 84, longitude first.',
})
export class PointGeometry {
  @Field(() => GeoJsonPointType, { description: 'Always "Point".' })
  type: GeoJsonPointType;

  @Field(() => [Float], {
    description:
      'Longitude then latitude in WGS 84 degrees: GeoJSON’s order, the reverse of `GeoPoint { lat lng }`.',
  })
  coordinates: number[];
}

/** A feature as the map queries answer it. */
export interface FeatureResult<P> {
  type: GeoJsonFeatureType;
  id: string;
  geometry: PointGeometry;
  properties: P;
}

/** A feature collection as the map queries answer it. */
export interface FeatureCollectionResult<P> {
  type: GeoJsonFeatureCollectionType;
  features: FeatureResult<P>[];
  bbox: number[] | null;
  truncated: boolean;
  totalCount: number;
}

/**
 * The object types `<name>Feature` and `<name>FeatureCollection` of a map of `many` (one of them:
 * `one`) whose features' properties are `Properties`.
 */
export function FeatureCollectionOf<P extends object>(
  Properties: ClassType<P>,
  name: string,
  { one, many, limit }: { one: string; many: string; limit: number },
) {
  @ObjectType(`${name}Feature`, {
    description: `A ${one} on the map: a GeoJSON Feature (RFC 7946 §3.2) with a Point geometry.`,
  })
  class Feature implements FeatureResult<P> {
    @Field(() => GeoJsonFeatureType, { description: 'Always "Feature".' })
    type: GeoJsonFeatureType;

    @Field(() => ID, { description: `The ${one}’s global id (the same as \`properties.id\`).` })
    id: string;

    @Field(() => PointGeometry, { description: `Where the ${one} is.` })
    geometry: PointGeometry;

    @Field(() => Properties, { description: `What the map shows of the ${one}.` })
    properties: P;
  }

  @ObjectType(`${name}FeatureCollection`, {
    description: `${many[0]!.toUpperCase()}${many.slice(1)} on the map: a GeoJSON FeatureCollection (RFC 7946 §3.3) whose JSON map libraries take as it is (\`__typename\`, \`truncated\` and \`totalCount\` are foreign members they ignore). Only ${many} with a location; sorted by distance from the \`near\` point of \`where\` when it has one (nearest first), else in a stable order.`,
  })
  class FeatureCollection implements FeatureCollectionResult<P> {
    @Field(() => GeoJsonFeatureCollectionType, { description: 'Always "FeatureCollection".' })
    type: GeoJsonFeatureCollectionType;

    @Field(() => [Feature], {
      description: `The features, at most the map’s \`limit\` (${limit} at most; \`truncated\` says when more ${many} matched).`,
    })
    features: Feature[];

    @Field(() => [Float], {
      nullable: true,
      description:
        'Bounding box of the features (RFC 7946 §5): [west, south, east, north] in degrees; null when there are no features (leave the member out of a GeoJSON file then).',
    })
    bbox: number[] | null;

    @Field(() => Boolean, { description: `More ${many} matched than the features given (see \`limit\`).` })
    truncated: boolean;

    @Field(() => Int, {
      description: `Number of ${many} with a location matching \`where\` (all of them, features or not).`,
    })
    totalCount: number;
  }

  return { Feature, FeatureCollection };
}

/** The description of a map's `limit` argument. */
export const MAP_LIMIT_ARG = `Most features to give, 0 to ${MAP_LIMIT} (default ${MAP_LIMIT}; more is a BAD_USER_INPUT error); \`truncated\` says when more matched.`;

/** A map's `limit` argument, checked: 0 to MAP_LIMIT (default MAP_LIMIT); anything else is refused. */
export function mapLimit(limit: number | null | undefined): number {
  if (limit == null) return MAP_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAP_LIMIT)
    throw badInput(`limit must be between 0 and ${MAP_LIMIT}, got ${limit}`, {
      field: 'limit',
      max: MAP_LIMIT,
    });
  return limit;
}

/** A row of a map statement: the object's key and position, its distance and the number of rows matched. */
export interface MapRow {
  id: string;
  lat: string | number;
  lng: string | number;
  /** From the `near` point of the map's `where`; null without one. */
  distance: number | null;
  /** Rows matching, over the whole statement (`count(*) over ()`). */
  total: number;
}

/**
 * A bilingual text of the table aliased `alias` (columns `zh`, `en`) in `locale`, Chinese when there
 * is no English form, as `localized` picks it.
 */
export const textIn = (alias: string, zh: string, en: string, locale: Locale) =>
  raw(locale === Locale.EN ? `coalesce(nullif(${alias}.${en}, ''), ${alias}.${zh})` : `${alias}.${zh}`);

/** The bilingual name of the table aliased `alias` in `locale` (see `textIn`). */
export const nameIn = (alias: string, locale: Locale) => textIn(alias, 'name_zh', 'name_en', locale);

/**
 * The map of the rows of `spec` (alias `t`) matching `where` that have a location, in one statement:
 * `select` adds the columns `properties` reads (`join`, the tables they come from); the viewer's
 * row scope applies and archived rows are left out, as in lists; nearest first when `where` has a
 * `near` point (then each row's distance from it), else by id; `limit` rows, the number matched.
 */
export async function mapOf<R extends object, P>(
  ctx: Context,
  spec: TableSpec,
  { where, limit, select, join = EMPTY }: { where: unknown; limit: number; select: Sql; join?: Sql },
  properties: (row: R & MapRow) => P,
): Promise<FeatureCollectionResult<P>> {
  const distance = nearDistance(where);
  const condition = Sql.and([
    spec.archivable ? raw('t.archived_at is null') : null,
    raw('t.lat is not null and t.lng is not null'),
    scopeOf(ctx, spec),
    compileWhere(ctx.viewer, spec, ROOT, where),
  ])!;
  const rows = await runSql<R & MapRow>(
    ctx,
    sql`select t.id, t.lat, t.lng, ${select}, ${distance ?? raw('null::float8')} as distance, count(*) over ()::int as total
      from ${ident(spec.table)} t${join} where ${condition} order by distance, t.id limit ${limit + 1}`,
  );
  return featureCollection(spec.type, rows, limit, properties);
}

/**
 * The collection of map rows of objects of type `type` read with a limit of `limit + 1`: the first
 * `limit` as features (a row more tells there were more), the bounding box of those.
 */
function featureCollection<R extends MapRow, P>(
  type: string,
  rows: R[],
  limit: number,
  properties: (row: R) => P,
): FeatureCollectionResult<P> {
  const kept = rows.slice(0, limit);
  let bbox: number[] | null = null;
  const features = kept.map((row): FeatureResult<P> => {
    const lng = Number(row.lng);
    const lat = Number(row.lat);
    if (!bbox) bbox = [lng, lat, lng, lat];
    else {
      bbox[0] = Math.min(bbox[0]!, lng);
      bbox[1] = Math.min(bbox[1]!, lat);
      bbox[2] = Math.max(bbox[2]!, lng);
      bbox[3] = Math.max(bbox[3]!, lat);
    }
    return {
      type: GeoJsonFeatureType.Feature,
      id: toGlobalId(type, row.id),
      geometry: { type: GeoJsonPointType.Point, coordinates: [lng, lat] },
      properties: properties(row),
    };
  });
  return {
    type: GeoJsonFeatureCollectionType.FeatureCollection,
    features,
    bbox,
    truncated: rows.length > limit,
    totalCount: Number(rows[0]?.total ?? 0),
  };
}
