import { Field, Float, ID, Int } from 'type-graphql';
import { NAME_ORDER } from '../../data/table.js';
import { BooleanFilter } from '../../graphql/filters.js';
import { FeatureCollectionOf, MAP_LIMIT } from '../../graphql/geojson.js';
import {
  BY_DISTANCE,
  filter,
  idFilter,
  listTypes,
  NAME_WHERE,
  NEAR_WHERE,
} from '../../graphql/list-types.js';
import { ObjectType } from '../../graphql/object-type.js';
import { RegionWhere } from '../region/region.types.js';
import { SLUG_WHERE } from '../slug/slug.js';
import { ThemeRelationFilter } from '../theme/theme.types.js';
import { Village } from './village.entity.js';

export { Village };

/** What lists of villages filter and sort by (village.service.ts's table spec reads it too). */
export const VillageList = listTypes(Village, {
  one: 'village',
  many: 'villages',
  where: {
    id: idFilter('The village itself.'),
    name: NAME_WHERE,
    slug: SLUG_WHERE,
    isSpecialty: filter(() => BooleanFilter, 'Specialty village or not.'),
    town: filter(() => RegionWhere, 'The town matches.'),
    themes: filter(() => ThemeRelationFilter, 'Conditions on the village’s themes.'),
    near: NEAR_WHERE,
  },
  orderBy: { NAME: NAME_ORDER, DISTANCE: BY_DISTANCE },
  sortNote: 'NAME sorts by the name in the request language (Accept-Language).',
});
export const { Where: VillageWhere, ListArgs: VillageListArgs, Connection: VillageConnection } = VillageList;
/** A `VillageWhere` input's value (also taken by `villagesGeoJson`). */
export type VillageWhere = InstanceType<typeof VillageWhere>;

/** What a village's map feature says of it. */
@ObjectType('VillageFeatureProperties', {
  description:
    'The `properties` of a village’s map feature: what a map shows or filters by without another query.',
})
export class VillageFeatureProperties {
  @Field(() => ID, { description: 'The village’s global id (as `node(id:)` takes it).' })
  id: string;

  @Field(() => String, { description: 'The village’s URL slug (as `village(slug:)` takes it).' })
  slug: string;

  @Field(() => String, { description: 'Name in the map’s `locale` (Chinese when there is no English one).' })
  name: string;

  @Field(() => Boolean, { description: 'A themed specialty village (特色村).' })
  isSpecialty: boolean;

  @Field(() => [String], {
    description: 'Codes of the village’s themes (e.g. "tea"), in the order 琴棋书画 诗酒花茶 歌舞影媒.',
  })
  themes: string[];

  @Field(() => Int, { description: 'Rural houses of the village (archived ones left out).' })
  houseCount: number;

  @Field(() => Int, { description: 'Projects located in the village (archived ones left out).' })
  projectCount: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Great-circle distance in km from the `near` point of the map’s `where`; null when it has none.',
  })
  distanceKm: number | null;
}

export const { Feature: VillageFeature, FeatureCollection: VillageFeatureCollection } = FeatureCollectionOf(
  VillageFeatureProperties,
  'Village',
  { one: 'village', many: 'villages', limit: MAP_LIMIT },
);
