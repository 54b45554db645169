import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ChangeFeed } from '../db/change-feed.js';
import { localeFromHeader } from '../graphql/locale.js';
import type { CacheStore } from './store.js';

/** Log entry writer (the server's JSON logger). */
type Log = (entry: Record<string, unknown>) => void;

/** A cached answer: the response body and its content type. */
export interface CachedResponse {
  contentType: string;
  body: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** GET parameters arrive as JSON text; read them back so GET and POST of one request share a key. */
function jsonParam(value: string | null): unknown {
  if (value === null || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return Symbol('invalid');
  }
}

/** A JSON object, null or absent (not a string, number, array or unparsable text). */
const isRecordOrAbsent = (value: unknown) =>
  value == null || (typeof value === 'object' && !Array.isArray(value));

/** Requests that pass Apollo's CSRF prevention (a preflighted request), as a cache hit must too. */
function preflighted(method: string, headers: IncomingHttpHeaders): boolean {
  if (headers['apollo-require-preflight'] || headers['x-apollo-operation-name']) return true;
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const simple = ['', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
  return method === 'POST' ? type === 'application/json' : !simple.includes(type);
}

/**
 * The response cache for anonymous reads of public data. Keyed by the operation (the SHA-256 of its
 * text, which is also its persisted-query hash), the operation name, the variables, the locale of
 * Accept-Language and the response type asked for; only anonymous queries answered without errors
 * are stored. Any committed change to the data (a mutation of this API, or any write to the database,
 * announced by a trigger) starts a new generation, and older entries are never served again.
 */
export class ResponseCache {
  constructor(
    readonly store: CacheStore,
    private readonly log: Log,
  ) {}

  /**
   * The cache key of a request, or null when its answer must not come from the cache: callers with
   * credentials, requests that are not preflighted, batches, and requests without a query or hash.
   */
  keyOf(method: string, headers: IncomingHttpHeaders, search: URLSearchParams, body: unknown): string | null {
    if (headers.authorization || !preflighted(method, headers)) return null;
    let query: unknown;
    let operationName: unknown;
    let variables: unknown;
    let extensions: unknown;
    if (method === 'GET') {
      query = search.get('query') ?? undefined;
      operationName = search.get('operationName') ?? undefined;
      variables = jsonParam(search.get('variables'));
      extensions = jsonParam(search.get('extensions'));
    } else if (method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
      ({ query, operationName, variables, extensions } = body as Record<string, unknown>);
    } else {
      return null;
    }
    // A malformed request (an operationName that is no string, variables or extensions that are no
    // object) is Apollo's to refuse, never answered from the cache under a well-formed one's key.
    if (!isRecordOrAbsent(variables) || !isRecordOrAbsent(extensions)) return null;
    if (operationName != null && typeof operationName !== 'string') return null;
    const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
      ?.sha256Hash;
    const document = typeof query === 'string' ? sha256(query) : typeof hash === 'string' ? hash : null;
    if (!document) return null;
    let variablesText: string;
    try {
      variablesText = JSON.stringify(variables ?? {});
    } catch {
      // Nested past the stack: not cacheable; the input checks refuse it with a coded error.
      return null;
    }
    return sha256(
      [
        document,
        typeof operationName === 'string' ? operationName : '',
        variablesText,
        localeFromHeader(headers['accept-language']),
        headers.accept ?? '',
      ].join('\0'),
    );
  }

  /** The cached answer for `key` (when fresh), and the generation a new answer would be stored under. */
  async lookup(key: string): Promise<{ hit?: CachedResponse; generation: number }> {
    // Without the change feed, writes of other processes would go unnoticed: no cached answers.
    if (this.feed && !this.feed.listening) return { generation: Number.NaN };
    try {
      const { value, generation } = await this.store.get(key);
      if (value === undefined) return { generation };
      const cut = value.indexOf('\n');
      return { hit: { contentType: value.slice(0, cut), body: value.slice(cut + 1) }, generation };
    } catch (error) {
      this.log({ level: 'warn', message: 'response cache unavailable', error: String(error) });
      return { generation: Number.NaN };
    }
  }

  /** Stores an answer computed while the generation was `generation`. */
  async save(key: string, generation: number, response: CachedResponse): Promise<void> {
    if (Number.isNaN(generation)) return;
    try {
      await this.store.set(key, `${response.contentType}\n${response.body}`, generation);
    } catch (error) {
      this.log({ level: 'warn', message: 'response cache unavailable', error: String(error) });
    }
  }

  /** Drops every cached answer (a write was committed). */
  async invalidate(): Promise<void> {
    try {
      await this.store.invalidate();
    } catch (error) {
      this.log({ level: 'error', message: 'response cache could not be invalidated', error: String(error) });
    }
  }

  /**
   * Follows the database's change notifications (channel `revgraph_changes`, sent by triggers on
   * every data table, see src/db/change-feed.ts) so writes by other processes (imports, other
   * instances, psql) invalidate too, and so does each `resync` of the feed: while it was away,
   * notifications may have been missed.
   */
  follow(feed: ChangeFeed): void {
    this.feed = feed;
    this.unfollow = feed.subscribe(() => void this.invalidate());
  }

  /** Whether the change feed is connected (cached answers are served only then). */
  get listening(): boolean {
    return !!this.feed?.listening;
  }

  private feed?: ChangeFeed;
  private unfollow?: () => void;

  /** Stops following the feed (which its owner closes) and closes the store. */
  async close(): Promise<void> {
    this.unfollow?.();
    await this.store.close();
  }
}
