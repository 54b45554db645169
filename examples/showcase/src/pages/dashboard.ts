import { settings } from '../client';
import { h } from '../dom';
import { formatCount, formatMoney } from '../format';
import { locale, t, type Word } from '../i18n';
import { liveRegionStats, POLL_MS, type Region } from '../live';
import { alert, failure, type Page } from './common';

type Stats = Region['stats'];

/** The figures shown, by group: each one's key (its `data-figure`), label and value. */
const GROUPS: [Word, [key: string, word: Word, value: (s: Stats) => string][]][] = [
  [
    'talents',
    [
      ['talents.total', 'total', (s) => formatCount(s.talents.total)],
      ['talents.resident', 'resident', (s) => formatCount(s.talents.resident)],
      ['talents.flexible', 'flexible', (s) => formatCount(s.talents.flexible)],
      ['talents.departed', 'departed', (s) => formatCount(s.talents.departed)],
    ],
  ],
  [
    'houses',
    [
      ['houses.total', 'total', (s) => formatCount(s.houses.total)],
      ['houses.transferred', 'transferred', (s) => formatCount(s.houses.transferred)],
    ],
  ],
  [
    'villages',
    [
      ['villages.total', 'total', (s) => formatCount(s.villages.total)],
      ['villages.specialty', 'specialtyVillages', (s) => formatCount(s.villages.specialty)],
      ['villages.themeCount', 'themeCount', (s) => formatCount(s.villages.themeCount)],
    ],
  ],
  [
    'investment',
    [
      ['investment.total', 'signedTotal', (s) => formatMoney(s.investment.total, locale())],
      [
        'investment.attributedToTalents',
        'attributedToTalents',
        (s) => formatMoney(s.investment.attributedToTalents, locale()),
      ],
    ],
  ],
  [
    'unions',
    [
      ['unions.organizations', 'organizations', (s) => formatCount(s.unions.organizations)],
      ['unions.members', 'members', (s) => formatCount(s.unions.members)],
    ],
  ],
];

/**
 * #/dashboard — the town's headline figures, kept up to date by the live source (live.ts): a figure
 * that changes is highlighted for a moment.
 */
export const dashboardPage: Page = async (_param, _query, signal) => {
  const title = h('h1', {}, t('dashboard'));
  const status = h('p', { class: 'live', 'aria-live': 'polite' }, t('loading'));
  const problem = h('div');
  const cells = new Map<string, HTMLElement>();
  const figures = h(
    'div',
    { class: 'figures' },
    ...GROUPS.map(([group, rows]) =>
      h(
        'section',
        { 'data-group': group },
        h('h2', {}, t(group)),
        h(
          'dl',
          {},
          ...rows.flatMap(([key, word]) => {
            const cell = h('dd', { 'data-figure': key }, '…');
            cells.set(key, cell);
            return [h('dt', {}, t(word)), cell];
          }),
        ),
      ),
    ),
  );
  let first = true;
  await new Promise<void>((ready) => {
    signal.addEventListener('abort', () => ready(), { once: true });
    liveRegionStats(
      settings.town,
      locale(),
      {
        data(region) {
          problem.replaceChildren();
          if (!region) {
            problem.append(alert(t('notFound')));
          } else {
            title.textContent = t('dashboardTitle', { town: region.name });
            for (const [, rows] of GROUPS) {
              for (const [key, , value] of rows) {
                const cell = cells.get(key)!;
                const text = value(region.stats);
                if (cell.textContent === text) continue;
                cell.textContent = text;
                if (!first) {
                  cell.classList.add('changed');
                  setTimeout(() => cell.classList.remove('changed'), 2000);
                }
              }
            }
          }
          status.textContent = t('liveStatus', { n: POLL_MS / 1000, time: new Date().toLocaleTimeString() });
          first = false;
          ready();
        },
        error(error) {
          problem.replaceChildren(failure(error));
          ready();
        },
      },
      signal,
    );
  });
  return h('section', { 'data-page': 'dashboard' }, title, status, problem, figures);
};
