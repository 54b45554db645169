import { Arg, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../data/table.js';
import type { Context } from './context.js';
import { Locale, localized } from './locale.js';

const LOCALE_ARG = 'Language of the text; defaults to the Accept-Language header, Chinese when absent.';

/**
 * Base resolver for types with bilingual `name` and `description` (columns name_zh/name_en,
 * description_zh/description_en): one implementation of the locale rule for every such type.
 */
export function NamedResolver<T extends object>(Type: ClassType<T>, what: string) {
  @Resolver(() => Type)
  abstract class Named {
    @FieldResolver(() => String, { description: `Name of the ${what} in the chosen language.` })
    name(
      @Root() row: Row,
      @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
      @Ctx() ctx: Context,
    ): string {
      return localized(row.nameZh as string, row.nameEn as string, locale ?? ctx.locale) ?? '';
    }

    @FieldResolver(() => String, {
      nullable: true,
      description: `Description of the ${what} in the chosen language.`,
    })
    description(
      @Root() row: Row,
      @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
      @Ctx() ctx: Context,
    ): string | null {
      return localized(row.descriptionZh as string, row.descriptionEn as string, locale ?? ctx.locale);
    }
  }
  return Named;
}

/** A bilingual text field resolved like `name`. */
export function pickText(row: Row, zhKey: string, enKey: string, locale: Locale | null, ctx: Context) {
  return localized(row[zhKey] as string, row[enKey] as string, locale ?? ctx.locale);
}

export { LOCALE_ARG };
