import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import { PayloadOf, UpdateNamedInput } from '../../graphql/write/inputs.js';
import { villageService } from '../village/village.service.js';
import { VillageConnection, VillageListArgs } from '../village/village.types.js';
import { themeService } from './theme.service.js';
import { Theme, ThemeConnection, ThemeListArgs } from './theme.types.js';
import { themeWrites } from './theme.writes.js';

const ThemePayload = PayloadOf(Theme, 'Theme', 'theme');

@Resolver(() => Theme)
export class ThemeResolver extends NamedResolver(Theme, 'theme') {
  @Query(() => ThemeConnection, { description: 'The twelve village themes.' })
  themes(
    @Args(() => ThemeListArgs) args: InstanceType<typeof ThemeListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return themeService.list(ctx, args, info);
  }

  @Query(() => Theme, {
    nullable: true,
    description: 'A theme by its code, e.g. "tea"; null when there is none.',
  })
  theme(@Arg('code', () => String, { description: 'Theme code.' }) code: string, @Ctx() ctx: Context) {
    return themeService.byCode(ctx, code);
  }

  @FieldResolver(() => VillageConnection, { description: 'Villages with this theme.' })
  villages(
    @Root() theme: Row,
    @Args(() => VillageListArgs) args: InstanceType<typeof VillageListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return villageService.byTheme(ctx, theme, args, info);
  }

  @Mutation(() => ThemePayload, {
    description: 'Renames or redescribes one of the twelve themes (admins only; the set itself is fixed).',
  })
  updateTheme(
    @Arg('input', () => UpdateNamedInput, { description: 'The changes.' }) input: UpdateNamedInput,
    @Ctx() ctx: Context,
  ) {
    return themeWrites.update(ctx, input);
  }
}
