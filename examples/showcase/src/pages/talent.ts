import { ApiError, read } from '../client';
import { h, href } from '../dom';
import { formatMoney } from '../format';
import { ShowcaseTalentDocument, type ShowcaseTalentQuery } from '../generated/graphql';
import { label, locale, t } from '../i18n';
import { alert, type Page } from './common';

/** A term and its value, when there is one. */
const fact = (term: string, value: string | null | undefined) =>
  value ? [h('dt', {}, term), h('dd', {}, value)] : [];

/**
 * #/talent/<id> — a talent's public profile. The page reads as an anonymous caller: a talent without a
 * public profile is not found, and private fields (full name, contact) are never asked for.
 * When the API gives talents' title and field in English (`title(locale:)`, `field(locale:)`), pass
 * `$locale` to them in ShowcaseTalent.graphql; nothing here changes.
 */
export const talentPage: Page = async (id) => {
  let data: ShowcaseTalentQuery;
  try {
    data = await read(ShowcaseTalentDocument, { id, locale: locale() });
  } catch (error) {
    // An id that is no id at all (BAD_USER_INPUT) is a talent that is not there.
    if (error instanceof ApiError && error.codes.includes('BAD_USER_INPUT'))
      return alert(t('talentNotFound'));
    throw error;
  }
  const talent = data.node?.__typename === 'Talent' ? data.node : null;
  if (!talent) return alert(t('talentNotFound'));
  return h(
    'section',
    { 'data-page': 'talent' },
    h('p', { class: 'lead' }, t('talentProfile')),
    talent.avatar
      ? h('img', {
          class: 'avatar',
          src: talent.avatar.cardUrl,
          width: talent.avatar.cardWidth,
          height: talent.avatar.cardHeight,
          alt: talent.avatar.alt,
        })
      : null,
    h('h1', {}, talent.displayName),
    h(
      'dl',
      { class: 'facts' },
      ...fact(t('title'), talent.title),
      ...fact(t('field'), talent.field),
      ...fact(t('degree'), talent.degree ? label.degree(talent.degree) : null),
      ...fact(t('settlement'), label.settlement(talent.settlement)),
      ...fact(t('town'), talent.town.name),
      ...fact(t('affiliation'), talent.affiliation?.name),
      ...fact(t('arrivedOn'), talent.arrivedOn),
      ...fact(t('attributedInvestment'), formatMoney(talent.attributedInvestment, locale())),
    ),
    talent.bio ? h('p', { class: 'bio' }, talent.bio) : null,
    h('h2', {}, t('projectRoles')),
    h(
      'ul',
      { class: 'roles' },
      ...talent.projectRoles.nodes.map((role) =>
        h(
          'li',
          {},
          h('strong', {}, role.project.name),
          ` · ${label.participantRole(role.role)}`,
          role.project.village ? ' · ' : null,
          role.project.village
            ? h('a', { href: href('village', role.project.village.slug) }, role.project.village.name)
            : null,
        ),
      ),
    ),
  );
};
