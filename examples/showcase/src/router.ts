/**
 * Hash routes, so that any static server can serve the site:
 *   #/                  themes           #/theme/<code>      a theme's villages
 *   #/villages          every village    #/village/<slug>    a village
 *   #/talent/<id>       a talent         #/map               the map
 *   #/dashboard         the figures
 * A list's page is in the query: `?after=<cursor>` or `?before=<cursor>` (Relay cursors).
 */

export type RouteName =
  | 'themes'
  | 'theme'
  | 'villages'
  | 'village'
  | 'talent'
  | 'map'
  | 'dashboard'
  | 'notFound';

export interface Route {
  name: RouteName;
  /** The path's parameter (a theme's code, a village's slug, a talent's id), decoded. */
  param: string;
  /** The query part: `after`, `before`. */
  query: URLSearchParams;
}

/** Routes that take one parameter, and those that take none. */
const withParam: Partial<Record<string, RouteName>> = {
  theme: 'theme',
  village: 'village',
  talent: 'talent',
};
const withoutParam: Partial<Record<string, RouteName>> = {
  '': 'themes',
  villages: 'villages',
  map: 'map',
  dashboard: 'dashboard',
};

/** The route of a location hash ("#/village/dong-shan-cun"); unknown or malformed ones are notFound. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = text.split('?', 2);
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter((p, i) => p !== '' || i === 0);
  const notFound: Route = { name: 'notFound', param: '', query };
  try {
    if (parts.length <= 1 && withoutParam[parts[0] ?? ''] !== undefined) {
      return { name: withoutParam[parts[0] ?? '']!, param: '', query };
    }
    const name = withParam[parts[0]!];
    if (parts.length === 2 && name && parts[1]) return { name, param: decodeURIComponent(parts[1]), query };
  } catch {
    // A malformed %-escape: not a page of the site.
  }
  return notFound;
}
