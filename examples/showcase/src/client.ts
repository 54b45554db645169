/**
 * The GraphQL client: urql's core (no framework), its document cache, and fetch. Every operation is
 * a TypedDocumentNode generated from examples/showcase/operations/ (src/generated/graphql.ts), so
 * its variables and result are typed. Reads go as GET while the URL stays short (CDN-friendly, with
 * the API's ETags), POST otherwise; `apollo-require-preflight` satisfies the API's CSRF prevention and
 * Accept-Language follows the page's language.
 */

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  type AnyVariables,
  Client,
  cacheExchange,
  fetchExchange,
  type RequestPolicy,
  subscriptionExchange,
} from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { acceptLanguage, t } from './i18n';

/** A failed read, with the message the page shows and the API's error codes (extensions.code). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly codes: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The API's URL and the town, as the showcase server wrote them into the page. */
export const settings = {
  apiUrl: document.querySelector<HTMLMetaElement>('meta[name="showcase-api-url"]')?.content ?? '/graphql',
  town: document.querySelector<HTMLMetaElement>('meta[name="showcase-town"]')?.content ?? 'dashuibo',
};

/**
 * The WebSocket of live updates (graphql-ws, protocol graphql-transport-ws, on the API's own URL):
 * opened with the first subscription, closed a moment after the last, and reopened by itself when it
 * drops (the server going away says 1001: reconnect).
 */
export const liveSocket = createWsClient({
  url: settings.apiUrl.replace(/^http/, 'ws'),
  lazy: true,
  lazyCloseTimeout: 3000,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
});

/** The one client of the page: queries over HTTP, subscriptions over the WebSocket. */
export const client = new Client({
  url: settings.apiUrl,
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: liveSocket.subscribe({ ...request, query: request.query ?? '' }, sink),
        }),
      }),
    }),
  ],
  preferGetMethod: 'within-url-limit',
  requestPolicy: 'cache-first',
  fetchOptions: () => ({
    headers: { 'accept-language': acceptLanguage(), 'apollo-require-preflight': 'true' },
  }),
});

/** Runs a query: its data, or an ApiError whose message says what went wrong, in the page's language. */
export async function read<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  requestPolicy: RequestPolicy = 'cache-first',
): Promise<Data> {
  const result = await client.query(document, variables, { requestPolicy }).toPromise();
  if (result.error?.networkError || (!result.data && !result.error)) {
    throw new ApiError(t('apiUnreachable', { url: settings.apiUrl, origin: location.origin }));
  }
  if (result.error) {
    const errors = result.error.graphQLErrors;
    const message = errors.map((e) => e.message).join('; ') || result.error.message;
    throw new ApiError(
      t('apiError', { message }),
      errors.map((e) => String(e.extensions?.code ?? '')),
    );
  }
  return result.data as Data;
}
