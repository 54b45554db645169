/**
 * The dashboard's live source: the one place that decides how fresh figures arrive. The
 * `regionStatsChanged(code:)` subscription over graphql-ws sends the figures at once, then again
 * after every committed write that changes them (by this API, another instance, an import or psql).
 * While the subscription cannot be had (the socket is refused or the API serves no subscriptions),
 * the figures are asked for again every few seconds instead, and the subscription is tried again.
 */
import { ApiError, client, read } from './client';
import {
  type Locale,
  ShowcaseDashboardDocument,
  type ShowcaseDashboardQuery,
  ShowcaseStatsChangedDocument,
} from './generated/graphql';
import { t } from './i18n';

/** How often the figures are asked for while the subscription is away, in ms. */
export const POLL_MS = 3000;

export type Region = NonNullable<ShowcaseDashboardQuery['region']>;

export interface LiveHandlers {
  /** New figures (the first ones, then each change). */
  data(region: Region | null): void;
  /** The subscription failed; the source falls back to asking, and keeps trying. */
  error(error: ApiError): void;
}

/** Streams the figures of `town` to `handlers` until `signal` aborts. */
export function liveRegionStats(
  town: string,
  locale: Locale,
  handlers: LiveHandlers,
  signal: AbortSignal,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  const subscribe = () => {
    subscription = client.subscription(ShowcaseStatsChangedDocument, { town, locale }).subscribe((result) => {
      if (signal.aborted) return;
      if (result.error) {
        const errors = result.error.graphQLErrors;
        const message = errors.map((e) => e.message).join('; ') || result.error.message;
        handlers.error(
          new ApiError(
            t('apiError', { message }),
            errors.map((e) => String(e.extensions?.code ?? '')),
          ),
        );
        subscription?.unsubscribe();
        subscription = undefined;
        poll();
        return;
      }
      if (result.data) handlers.data(result.data.regionStatsChanged);
    });
  };
  // Asked once, then the subscription is tried again.
  const poll = () => {
    timer = setTimeout(async () => {
      try {
        const data = await read(ShowcaseDashboardDocument, { town, locale }, 'network-only');
        if (!signal.aborted) handlers.data(data.region);
      } catch (error) {
        if (!signal.aborted) handlers.error(error instanceof ApiError ? error : new ApiError(String(error)));
      }
      if (!signal.aborted) subscribe();
    }, POLL_MS);
  };
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      subscription?.unsubscribe();
    },
    { once: true },
  );
  subscribe();
}
