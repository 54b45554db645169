import { ApiError } from '../client';
import { h } from '../dom';
import { t } from '../i18n';

/** A page: the route's parameter and query in, the page's content out; `signal` aborts when the reader leaves. */
export type Page = (param: string, query: URLSearchParams, signal: AbortSignal) => Promise<Node>;

/** A visible message, for a page that cannot be shown. */
export function alert(message: string): HTMLElement {
  return h('p', { class: 'alert', role: 'alert' }, message);
}

/** What a page shows when its read fails. */
export function failure(error: unknown): HTMLElement {
  return alert(error instanceof ApiError ? error.message : String(error));
}

/** The page for a route the site does not have. */
export const notFoundPage: Page = async () => h('section', {}, h('h1', {}, '404'), alert(t('notFound')));
