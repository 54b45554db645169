/**
 * The showcase site: a page shell (title, navigation, language switch), the hash router, and the
 * pages. Built by `npm run showcase` (scripts/showcase.ts) with esbuild; calls only the public API.
 */
import { settings } from './client';
import { h, href } from './dom';
import { locale, onLocaleChange, setLocale, t } from './i18n';
import { failure, notFoundPage, type Page } from './pages/common';
import { dashboardPage } from './pages/dashboard';
import { mapPage } from './pages/map';
import { talentPage } from './pages/talent';
import { themesPage } from './pages/themes';
import { villagePage } from './pages/village';
import { themePage, villagesPage } from './pages/villages';
import { parseRoute, type RouteName } from './router';

const pages: Record<RouteName, Page> = {
  themes: themesPage,
  theme: themePage,
  villages: villagesPage,
  village: villagePage,
  talent: talentPage,
  map: mapPage,
  dashboard: dashboardPage,
  notFound: notFoundPage,
};

/** The navigation's entries: route and word. */
const NAV: [RouteName, string, Parameters<typeof t>[0]][] = [
  ['themes', href(), 'themes'],
  ['villages', href('villages'), 'villages'],
  ['map', href('map'), 'map'],
  ['dashboard', href('dashboard'), 'dashboard'],
];

const main = h('main', { id: 'page', 'aria-busy': 'true' });
const header = h('header', { class: 'site-header' });
const footer = h('footer', { class: 'site-footer' });

/** The header and footer, in the current language. */
function renderShell(current: RouteName) {
  document.documentElement.lang = locale() === 'EN' ? 'en' : 'zh-CN';
  document.title = t('siteTitle');
  const languageButton = (code: 'ZH' | 'EN', text: string) => {
    const button = h(
      'button',
      {
        type: 'button',
        lang: code === 'EN' ? 'en' : 'zh-CN',
        'aria-pressed': String(locale() === code),
        'data-locale': code,
      },
      text,
    );
    button.addEventListener('click', () => setLocale(code));
    return button;
  };
  header.replaceChildren(
    h('a', { class: 'site-title', href: href() }, t('siteTitle')),
    h(
      'nav',
      { class: 'site-nav' },
      ...NAV.map(([name, link, word]) =>
        h(
          'a',
          {
            href: link,
            'aria-current': name === current || (name === 'themes' && current === 'theme') ? 'page' : null,
          },
          t(word),
        ),
      ),
    ),
    h(
      'div',
      { class: 'language', role: 'group', 'aria-label': 'Language / 语言' },
      languageButton('ZH', '中文'),
      languageButton('EN', 'English'),
    ),
  );
  footer.replaceChildren(t('builtOn'), ' ', h('code', {}, settings.apiUrl));
}

let leaving: AbortController | undefined;

/** Shows the page of the current location hash; a newer navigation wins over a slower older one. */
async function render() {
  leaving?.abort();
  const controller = new AbortController();
  leaving = controller;
  const route = parseRoute(location.hash);
  renderShell(route.name);
  main.setAttribute('aria-busy', 'true');
  let content: Node;
  try {
    content = await pages[route.name](route.param, route.query, controller.signal);
  } catch (error) {
    content = failure(error);
  }
  if (controller.signal.aborted) return;
  main.replaceChildren(content);
  main.setAttribute('data-route', route.name);
  main.setAttribute('aria-busy', 'false');
}

document.getElementById('app')!.replaceChildren(header, main, footer);
window.addEventListener('hashchange', () => void render());
onLocaleChange(() => void render());
void render();
