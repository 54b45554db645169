import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { MAP_LIMIT, MAP_LIMIT_ARG, mapLimit } from '../../graphql/geojson.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG } from '../../graphql/localized.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { houseService } from '../house/house.service.js';
import { RuralHouseConnection, RuralHouseListArgs } from '../house/house.types.js';
import { projectService } from '../project/project.service.js';
import { ProjectConnection, ProjectListArgs } from '../project/project.types.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { themeService } from '../theme/theme.service.js';
import { Theme } from '../theme/theme.types.js';
import {
  CreateVillageInput,
  UpdateVillageInput,
  VillagePayload,
  VillageThemeInput,
} from './village.inputs.js';
import { GEOJSON_LIMIT, villageService } from './village.service.js';
import {
  Village,
  VillageConnection,
  VillageFeatureCollection,
  VillageListArgs,
  VillageWhere,
} from './village.types.js';
import { villageWrites } from './village.writes.js';

@Resolver(() => Village)
class VillageFields {
  @Query(() => VillageFeatureCollection, {
    description: `Villages matching \`where\` that have a location, as typed GeoJSON for map libraries: a FeatureCollection of Points with each village’s slug, name, themes, house and project counts, and its distance from the \`near\` point of \`where\` (nearest first then); at most \`limit\` features (${MAP_LIMIT} by default), with their bounding box. One SQL statement.`,
  })
  villageMap(
    @Arg('where', () => VillageWhere, {
      nullable: true,
      description: 'Which villages (the same filter as `villages`; a `near` point sorts them by distance).',
    })
    where: VillageWhere | null,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Arg('limit', () => Int, { nullable: true, description: MAP_LIMIT_ARG }) limit: number | null,
    @Ctx() ctx: Context,
  ) {
    return villageService.map(ctx, where, locale ?? ctx.locale, mapLimit(limit));
  }

  @Query(() => GraphQLJSONObject, {
    description: `Villages matching \`where\` as a GeoJSON FeatureCollection (Points with name, themes, house and project counts) for map libraries; at most ${GEOJSON_LIMIT} features, \`truncated\` says when there were more.`,
    deprecationReason:
      'Use `villageMap`: the same features, typed, with slugs, distances, a bounding box and the number matched.',
  })
  villagesGeoJson(
    @Arg('where', () => VillageWhere, {
      nullable: true,
      description: 'Which villages (the same filter as `villages`).',
    })
    where: VillageWhere | null,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Ctx() ctx: Context,
  ) {
    return villageService.geoJson(ctx, where, locale ?? ctx.locale);
  }
}

// biome-ignore format: a table, one field a line
export const VillageResolver = ResolverOf(Village, { what: 'village', named: true, payload: VillagePayload, base: VillageFields }, {
  villages: field.listQuery(VillageConnection, VillageListArgs, villageService.list, 'Villages, filtered by town, theme, specialty and name.'),
  village: field.byCode(Village, villageService.bySlug, 'Current or former slug.', 'A village by its slug (a former one too: the answer’s `slug` is the current one); null when there is none.', 'slug'),
  town: field.toOne(Region, regionService.byId, 'The town the village belongs to.'),
  location: field.point('Where the village is; null when not surveyed.'),
  themes: field.computed([Theme], themeService.ofVillage, 'Themes of the village, in the order 琴棋书画 诗酒花茶 歌舞影媒.'),
  houses: field.toMany(RuralHouseConnection, RuralHouseListArgs, houseService.byVillage, 'Rural houses of the village.'),
  projects: field.toMany(ProjectConnection, ProjectListArgs, projectService.byVillage, 'Projects located in the village.'),
  createVillage: field.mutation(CreateVillageInput, villageWrites.create, 'Creates a village in a town you govern.'),
  updateVillage: field.mutation(UpdateVillageInput, villageWrites.update, 'Changes a village; CONFLICT when it changed since `version`.'),
  archiveVillage: field.archive(villageWrites.archive, 'Archives a village: gone from lists, kept with its history and relations.'),
  addVillageTheme: field.mutation(VillageThemeInput, (ctx, input) => villageWrites.setTheme(ctx, input, true), 'Gives a village one more of the twelve themes.', 'Village and theme.'),
  removeVillageTheme: field.mutation(VillageThemeInput, (ctx, input) => villageWrites.setTheme(ctx, input, false), 'Takes a theme from a village.', 'Village and theme.'),
});
