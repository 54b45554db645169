import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import pg from 'pg';
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
  private listener?: pg.Client;
  private closed = false;

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
    // Without the change listener, writes of other processes would go unnoticed: no cached answers.
    if (this.databaseUrl && !this.listener) return { generation: Number.NaN };
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
   * Listens for the database's change notifications (channel `revgraph_changes`, sent by triggers on
   * every data table) so writes by other processes (imports, other instances, psql) invalidate too.
   * When the connection drops, one reconnect loop tries again with capped, jittered backoff (0.5 s
   * doubling to 15 s) and invalidates on each loss: notifications may have been missed. At most one
   * client exists at a time; a failed attempt's client is ended before the next is made.
   */
  async listen(databaseUrl: string): Promise<void> {
    this.databaseUrl = databaseUrl;
    await this.connectListener();
  }

  /** Whether the change listener is connected (reported by /health). */
  get listening(): boolean {
    return !!this.listener;
  }

  private databaseUrl = '';
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;
  /** The connection was lost since the last successful connect. */
  private lost = false;

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5_000 });
    // Errors end the connection ('end' follows); the loss is handled there, once.
    client.on('error', () => {});
    client.on('notification', () => void this.invalidate());
    try {
      await client.connect();
      await client.query('listen revgraph_changes');
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    client.once('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.lost = true;
      this.log({ level: 'warn', message: 'change listener lost its database connection; reconnecting' });
      void this.invalidate();
      this.scheduleReconnect();
    });
    this.listener = client;
    if (this.lost) {
      this.lost = false;
      this.log({ level: 'info', message: 'change listener reconnected' });
      // Writes made while it was away were not announced.
      void this.invalidate();
    }
    this.failures = 0;
  }

  private scheduleReconnect() {
    if (this.closed || this.reconnectTimer) return;
    const delay = Math.min(15_000, 500 * 2 ** Math.min(this.failures, 5)) * (0.75 + Math.random() / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectListener().catch(() => {
        this.failures++;
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => {});
    await this.store.close();
  }
}
