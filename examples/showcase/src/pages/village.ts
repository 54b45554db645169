import { read } from '../client';
import { h, href } from '../dom';
import { formatArea, formatMoney } from '../format';
import { ShowcaseVillageDocument, type ShowcaseVillageQuery } from '../generated/graphql';
import { label, locale, t } from '../i18n';
import { alert, type Page } from './common';

type Village = NonNullable<ShowcaseVillageQuery['village']>;
type Project = Village['projects']['nodes'][number];

/**
 * The village's cover picture (its card variant, sized so the page does not shift as it loads), with
 * its caption and credit; a placeholder block with the name's first character when it has none.
 */
function cover(village: Village): HTMLElement {
  const image = village.coverImage;
  if (!image) {
    return h(
      'figure',
      { class: 'cover', 'data-slot': 'cover-image' },
      h(
        'div',
        { class: 'placeholder', role: 'img', 'aria-label': village.name },
        h('span', { class: 'initial' }, [...village.name][0] ?? ''),
        h('figcaption', {}, t('coverPending')),
      ),
    );
  }
  const caption = [image.caption, image.credit ? `© ${image.credit}` : null].filter(Boolean).join(' · ');
  return h(
    'figure',
    { class: 'cover', 'data-slot': 'cover-image' },
    h('img', { src: image.cardUrl, width: image.cardWidth, height: image.cardHeight, alt: image.alt }),
    caption ? h('figcaption', {}, caption) : null,
  );
}

/** The houses free to rent: address, floor area, status. */
function freeHouses(village: Village): HTMLElement {
  const houses = village.freeHouses;
  return h(
    'section',
    { class: 'free-houses' },
    h('h2', {}, `${t('freeHouses')} (${houses.totalCount})`),
    houses.nodes.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, t('address')), h('th', {}, t('floorArea')), h('th', {}, t('status'))),
          ),
          h(
            'tbody',
            {},
            ...houses.nodes.map((house) =>
              h(
                'tr',
                { 'data-house': house.id },
                h('td', {}, house.address),
                h('td', {}, formatArea(house.floorAreaM2)),
                h('td', {}, label.houseStatus(house.status)),
              ),
            ),
          ),
        )
      : h('p', {}, t('noFreeHouses')),
  );
}

/** A project: name, kind and status, the signed investment, and the talents behind it. */
function project(p: Project): HTMLElement {
  const people = p.participants.nodes;
  return h(
    'article',
    { class: 'card project', 'data-project': p.slug },
    h('h3', {}, p.name),
    h('p', { class: 'meta' }, `${label.projectKind(p.kind)} · ${label.projectStatus(p.status)}`),
    h('p', { class: 'investment' }, `${t('investment')}: ${formatMoney(p.totalInvestment, locale())}`),
    h('h4', {}, t('talentsBehind')),
    people.length
      ? h(
          'ul',
          { class: 'people' },
          ...people.map((role) =>
            h(
              'li',
              {},
              h('a', { href: href('talent', role.talent.id) }, role.talent.displayName),
              ` · ${label.participantRole(role.role)}`,
              role.talent.title ? ` · ${role.talent.title}` : '',
            ),
          ),
        )
      : h('p', {}, t('noTalents')),
  );
}

/** #/village/<slug> — the village, its houses free to rent, its projects and their talents. */
export const villagePage: Page = async (slug) => {
  const data = await read(ShowcaseVillageDocument, { slug, locale: locale() });
  const village = data.village;
  if (!village) return alert(t('villageNotFound', { slug }));
  // A former slug still finds the village: show it under its current address.
  if (village.slug !== slug) history.replaceState(null, '', href('village', village.slug));
  return h(
    'section',
    { 'data-page': 'village', 'data-slug': village.slug },
    cover(village),
    h('h1', {}, village.name),
    h(
      'p',
      { class: 'lead' },
      `${t('town')}: ${village.town.name}`,
      village.isSpecialty ? ` · ${t('specialty')}` : '',
    ),
    h(
      'ul',
      { class: 'chips' },
      ...village.themes.map((theme) =>
        h('li', {}, h('a', { class: 'chip', href: href('theme', theme.code) }, theme.name)),
      ),
    ),
    h('p', { class: 'description' }, village.description ?? ''),
    village.location ? h('p', {}, h('a', { href: href('map') }, t('seeOnMap'))) : null,
    freeHouses(village),
    h(
      'section',
      { class: 'projects' },
      h('h2', {}, `${t('projects')} (${village.projects.totalCount})`),
      ...(village.projects.nodes.length
        ? village.projects.nodes.map(project)
        : [h('p', {}, t('noProjects'))]),
    ),
  );
};
