import { read } from '../client';
import { h, href } from '../dom';
import { ShowcaseThemesDocument } from '../generated/graphql';
import { locale, t } from '../i18n';
import type { Page } from './common';

/** #/ — every theme with how many villages carry it. */
export const themesPage: Page = async () => {
  const data = await read(ShowcaseThemesDocument, { locale: locale() });
  return h(
    'section',
    { 'data-page': 'themes' },
    h('h1', {}, t('siteTitle')),
    h('p', { class: 'lead' }, t('themesIntro')),
    h(
      'ul',
      { class: 'cards themes' },
      ...data.themes.nodes.map((theme) =>
        h(
          'li',
          { class: 'card theme', 'data-theme': theme.code },
          h('h3', {}, h('a', { href: href('theme', theme.code) }, theme.name)),
          h('p', {}, theme.description ?? ''),
          h('p', { class: 'count' }, t('villageCount', { n: theme.villages.totalCount })),
        ),
      ),
    ),
  );
};
