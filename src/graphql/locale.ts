import { registerEnumType } from 'type-graphql';
import { labelEnum, valueDescriptions } from '../db/enum.js';

/** Language of names and descriptions. */
export enum Locale {
  ZH = 'ZH',
  EN = 'EN',
}
labelEnum(Locale, { ZH: ['Chinese', '中文', 'the fallback', '缺省语言'], EN: ['English', '英文'] });
registerEnumType(Locale, {
  name: 'Locale',
  description: 'Language of names and descriptions: Chinese (the fallback) or English.',
  valuesConfig: valueDescriptions(Locale),
});

/** The first language of an Accept-Language header that we have; Chinese otherwise. */
export function localeFromHeader(header: string | undefined | null): Locale {
  if (!header) return Locale.ZH;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('en')) return Locale.EN;
    if (tag.startsWith('zh')) return Locale.ZH;
  }
  return Locale.ZH;
}

/** Picks the text in the wanted language, falling back to Chinese when the English text is missing. */
export function localized(zh: string | null | undefined, en: string | null | undefined, locale: Locale) {
  return locale === Locale.EN && en ? en : (zh ?? en ?? null);
}
