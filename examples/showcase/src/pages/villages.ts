import { read, settings } from '../client';
import { h, href } from '../dom';
import {
  ShowcaseThemeDocument,
  type ShowcaseVillageCardFragment,
  ShowcaseVillageListDocument,
} from '../generated/graphql';
import { locale, t } from '../i18n';
import { alert, type Page } from './common';

/** Villages per page of a list. */
export const PAGE_SIZE = 10;

/** Relay arguments of a list's page from the route's query: `?after=` or `?before=`, else the first page. */
function pageArguments(query: URLSearchParams) {
  const before = query.get('before');
  const after = query.get('after');
  if (before) return { last: PAGE_SIZE, before };
  return { first: PAGE_SIZE, after: after || null };
}

/** A village in a list: name, town, themes, houses free to rent and projects. */
function villageCard(village: ShowcaseVillageCardFragment): HTMLElement {
  return h(
    'li',
    { class: 'card village', 'data-slug': village.slug },
    village.coverImage
      ? h('img', {
          class: 'thumb',
          src: village.coverImage.cardUrl,
          width: village.coverImage.cardWidth,
          height: village.coverImage.cardHeight,
          alt: village.coverImage.alt,
          loading: 'lazy',
        })
      : null,
    h('h3', {}, h('a', { href: href('village', village.slug) }, village.name)),
    h('p', {}, village.town.name, village.isSpecialty ? ` · ${t('specialty')}` : ''),
    village.themes.length
      ? h(
          'ul',
          { class: 'chips' },
          ...village.themes.map((theme) =>
            h('li', {}, h('a', { class: 'chip', href: href('theme', theme.code) }, theme.name)),
          ),
        )
      : null,
    h('p', {}, t('freeHouseCount', { n: village.freeHouses.totalCount })),
    h('p', {}, t('projectCount', { n: village.projects.totalCount })),
  );
}

interface Connection {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: string | null;
    endCursor?: string | null;
  };
  nodes: ShowcaseVillageCardFragment[];
}

/** A page of villages with its pager: links to the next and previous pages by cursor. */
function villageList(connection: Connection, base: string, query: URLSearchParams): HTMLElement[] {
  const { pageInfo } = connection;
  // Paging backwards, the API knows whether there is an earlier page; paging forwards, a cursor in
  // the route means there is one (Relay does not promise hasPreviousPage there).
  const hasPrevious = query.has('before')
    ? pageInfo.hasPreviousPage
    : query.has('after') || pageInfo.hasPreviousPage;
  const hasNext = query.has('before') ? true : pageInfo.hasNextPage;
  return [
    h('ul', { class: 'cards villages' }, ...connection.nodes.map(villageCard)),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'pages' },
      h('span', { class: 'count' }, t('villagesTotal', { n: connection.totalCount })),
      hasPrevious ? h('a', { class: 'first', href: base }, t('firstPage')) : null,
      hasPrevious && pageInfo.startCursor
        ? h(
            'a',
            {
              class: 'previous',
              rel: 'prev',
              href: `${base}?before=${encodeURIComponent(pageInfo.startCursor)}`,
            },
            t('previous'),
          )
        : null,
      hasNext && pageInfo.endCursor
        ? h(
            'a',
            { class: 'next', rel: 'next', href: `${base}?after=${encodeURIComponent(pageInfo.endCursor)}` },
            t('next'),
          )
        : null,
    ),
  ];
}

/** #/theme/<code> — a theme and a page of its villages. */
export const themePage: Page = async (code, query) => {
  const data = await read(ShowcaseThemeDocument, { code, locale: locale(), ...pageArguments(query) });
  const theme = data.theme;
  if (!theme) return alert(t('themeNotFound', { code }));
  return h(
    'section',
    { 'data-page': 'theme' },
    h('h1', {}, theme.name),
    h('p', { class: 'lead' }, theme.description ?? ''),
    ...villageList(theme.villages, href('theme', theme.code), query),
  );
};

/** #/villages — every village of the town, a page at a time. */
export const villagesPage: Page = async (_, query) => {
  const data = await read(ShowcaseVillageListDocument, {
    town: settings.town,
    locale: locale(),
    ...pageArguments(query),
  });
  return h(
    'section',
    { 'data-page': 'villages' },
    h('h1', {}, t('villages')),
    h('p', { class: 'lead' }, t('allVillagesIntro', { n: PAGE_SIZE })),
    ...villageList(data.villages, href('villages'), query),
  );
};
