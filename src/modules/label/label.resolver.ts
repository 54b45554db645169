import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG } from '../../graphql/localized.js';
import { labelService, MAX_ENUMS } from './label.service.js';
import { EnumLabel } from './label.types.js';

/** The labels of enum values, in one language. */
@Resolver()
export class LabelResolver {
  @Query(() => [EnumLabel], {
    description:
      'The label of every value of the enums asked for (every enum with labels when none are named: the values the API answers, and the vocabularies of its arguments but the generated sort fields and grouping dimensions) in one language, each enum’s values in their order; the schema describes each value in both languages.',
  })
  enumLabels(
    @Arg('enums', () => [String], {
      nullable: true,
      description: `Names of enums of the schema, e.g. ["Settlement", "HouseStatus"] (at most ${MAX_ENUMS}); all when absent.`,
    })
    enums: string[] | null,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): EnumLabel[] {
    return labelService.enumLabels(ctx, info.schema, enums, locale);
  }
}
