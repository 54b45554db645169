/**
 * The dashboard's live source: the one place that decides how fresh figures arrive. Today it asks
 * `region(code:) { stats }` again every few seconds (network-only, past urql's cache; the API's own
 * response cache forgets an answer as soon as a write changes it). When the API has the
 * `regionStatsChanged(code:)` subscription over graphql-ws, this function's body becomes
 * `client.subscription(ShowcaseStatsChangedDocument, { town })` — same callbacks, same stop signal —
 * and no page changes.
 */
import { ApiError, read } from './client';
import { type Locale, ShowcaseDashboardDocument, type ShowcaseDashboardQuery } from './generated/graphql';

/** How often the figures are asked for again, in ms. */
export const POLL_MS = 3000;

export type Region = NonNullable<ShowcaseDashboardQuery['region']>;

export interface LiveHandlers {
  /** New figures (the first ones, then each refresh). */
  data(region: Region | null): void;
  /** A refresh failed; the source keeps trying. */
  error(error: ApiError): void;
}

/**
 * Streams the figures of `town` to `handlers` until `signal` aborts. Refreshes never overlap: the next
 * one is planned when the previous one has answered.
 */
export function liveRegionStats(
  town: string,
  locale: Locale,
  handlers: LiveHandlers,
  signal: AbortSignal,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    try {
      const data = await read(ShowcaseDashboardDocument, { town, locale }, 'network-only');
      if (!signal.aborted) handlers.data(data.region);
    } catch (error) {
      if (!signal.aborted) handlers.error(error instanceof ApiError ? error : new ApiError(String(error)));
    }
    if (!signal.aborted) timer = setTimeout(refresh, POLL_MS);
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  void refresh();
}
