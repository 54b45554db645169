import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG, NamedResolver } from '../../graphql/localized.js';
import { GeoPoint, geoPoint } from '../../graphql/types.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
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
import { Village, VillageConnection, VillageListArgs, VillageWhere } from './village.types.js';
import { villageWrites } from './village.writes.js';

@Resolver(() => Village)
export class VillageResolver extends NamedResolver(Village, 'village') {
  @Query(() => VillageConnection, { description: 'Villages, filtered by town, theme, specialty and name.' })
  villages(
    @Args(() => VillageListArgs) args: InstanceType<typeof VillageListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return villageService.list(ctx, args, info);
  }

  @Query(() => GraphQLJSONObject, {
    description: `Villages matching \`where\` as a GeoJSON FeatureCollection (Points with name, themes, house and project counts) for map libraries; at most ${GEOJSON_LIMIT} features, \`truncated\` says when there were more.`,
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

  @FieldResolver(() => Region, { description: 'The town the village belongs to.' })
  town(@Root() village: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, village.townId, 'Village.town', info);
  }

  @FieldResolver(() => [Theme], {
    description: 'Themes of the village, in the order 琴棋书画 诗酒花茶 歌舞影媒.',
  })
  themes(@Root() village: Row, @Ctx() ctx: Context) {
    return themeService.ofVillage(ctx, village);
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description: 'Where the village is; null when not surveyed.',
  })
  location(@Root() village: Row) {
    return geoPoint(village);
  }

  @FieldResolver(() => RuralHouseConnection, { description: 'Rural houses of the village.' })
  houses(
    @Root() village: Row,
    @Args(() => RuralHouseListArgs) args: InstanceType<typeof RuralHouseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return houseService.byVillage(ctx, village, args, info);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects located in the village.' })
  projects(
    @Root() village: Row,
    @Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectService.byVillage(ctx, village, args, info);
  }

  @Mutation(() => VillagePayload, { description: 'Creates a village in a town you govern.' })
  createVillage(
    @Arg('input', () => CreateVillageInput, { description: 'The new village.' }) input: CreateVillageInput,
    @Ctx() ctx: Context,
  ) {
    return villageWrites.create(ctx, input);
  }

  @Mutation(() => VillagePayload, {
    description: 'Changes a village; CONFLICT when it changed since `version`.',
  })
  updateVillage(
    @Arg('input', () => UpdateVillageInput, { description: 'The changes.' }) input: UpdateVillageInput,
    @Ctx() ctx: Context,
  ) {
    return villageWrites.update(ctx, input);
  }

  @Mutation(() => VillagePayload, {
    description: 'Archives a village: gone from lists, kept with its history and relations.',
  })
  archiveVillage(
    @Arg('input', () => ArchiveInput, { description: 'The village and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return villageWrites.archive(ctx, input);
  }

  @Mutation(() => VillagePayload, { description: 'Gives a village one more of the twelve themes.' })
  addVillageTheme(
    @Arg('input', () => VillageThemeInput, { description: 'Village and theme.' }) input: VillageThemeInput,
    @Ctx() ctx: Context,
  ) {
    return villageWrites.setTheme(ctx, input, true);
  }

  @Mutation(() => VillagePayload, { description: 'Takes a theme from a village.' })
  removeVillageTheme(
    @Arg('input', () => VillageThemeInput, { description: 'Village and theme.' }) input: VillageThemeInput,
    @Ctx() ctx: Context,
  ) {
    return villageWrites.setTheme(ctx, input, false);
  }
}
