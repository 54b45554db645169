import type { Row } from '../data/table.js';
import type { Context } from './context.js';
import { type Locale, localized } from './locale.js';

const LOCALE_ARG = 'Language of the text; defaults to the Accept-Language header, Chinese when absent.';

/**
 * A bilingual text of a row (columns `zhKey`, `enKey`) in `locale`, else the request's: the one
 * locale rule of every bilingual field (`field.text` in resolvers.ts, `name` and `description`).
 */
export function pickText(row: Row, zhKey: string, enKey: string, locale: Locale | null, ctx: Context) {
  return localized(row[zhKey] as string, row[enKey] as string, locale ?? ctx.locale);
}

export { LOCALE_ARG };
