import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import type { ChangeEvent, ChangeFeed } from '../db/change-feed.js';
import { databaseFailure } from '../db/failures.js';
import { createContext, type InputLimits } from '../graphql/context.js';
import { AppError, ErrorCode } from '../graphql/errors.js';
import type { Locale } from '../graphql/locale.js';
import type { Viewer } from '../graphql/viewer.js';
import type { Logger } from '../logger.js';
import type { AuthSettings } from '../modules/user/auth.js';
import type { CheckedSubscription } from './operation.js';

/** Who subscribes: what the answer is read with. */
export interface Subscriber {
  viewer: Viewer;
  locale: Locale;
  clientAddress: string;
}

/**
 * What a viewer may see, as a key: the read policy (src/graphql/viewer.ts) decides by role and, for
 * officials, by governed regions, never by the account itself, so viewers with equal keys get equal
 * answers and share one live query. (Were the policy to read the account, its id would belong here.)
 */
export function visibilityOf(viewer: Viewer): string {
  if (viewer.kind === 'anonymous') return 'anonymous';
  if (viewer.role === 'OFFICIAL') return `OFFICIAL:${[...viewer.regionIds].sort().join(',')}`;
  return viewer.role;
}

/** One subscriber's results: an async iterator the transports send from. */
export interface LiveStream extends AsyncIterableIterator<ExecutionResult> {
  /** Sends `last` (when given) after what is pending, then ends. */
  finish(last?: ExecutionResult): void;
}

/**
 * A subscriber's queue. Only the newest answer matters (each is the whole current value), so a
 * subscriber slower than the changes gets the latest one, never a backlog: memory per subscriber is
 * one answer however slow its socket.
 */
class Stream implements LiveStream {
  private pending: ExecutionResult[] = [];
  private waiter?: (result: IteratorResult<ExecutionResult>) => void;
  private ending = false;
  private done = false;

  constructor(private readonly onReturn: (stream: Stream) => void) {}

  push(result: ExecutionResult) {
    if (this.done || this.ending) return;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter({ value: result, done: false });
    } else {
      this.pending = [result];
    }
  }

  finish(last?: ExecutionResult) {
    if (this.done || this.ending) return;
    if (last) {
      if (this.waiter) this.push(last);
      else this.pending.push(last);
    }
    this.ending = true;
    if (this.waiter && !this.pending.length) this.stop();
  }

  private stop() {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    this.onReturn(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.pending.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done || this.ending) {
      this.stop();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.stop();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** One distinct subscription (operation, variables, locale, visibility) and its subscribers. */
class LiveQuery {
  readonly streams = new Set<Stream>();
  /** The last answer sent, as JSON (an answer equal to it is not sent again). */
  last?: string;
  lastResult?: ExecutionResult;
  /** The first read: undefined once it succeeded, or why the subscription was refused. */
  ready: Promise<readonly GraphQLError[] | undefined> = Promise.resolve(undefined);
  /** A change arrived since the last read started. */
  dirty = false;
  retry?: NodeJS.Timeout;
  closed = false;

  constructor(
    readonly key: string,
    readonly checked: CheckedSubscription,
    readonly subscriber: Subscriber,
  ) {}
}

/** Options of the hub: what it reads with and how often. */
export interface HubOptions {
  schema: GraphQLSchema;
  em: EntityManager;
  auth: AuthSettings;
  feed: ChangeFeed;
  log: Logger;
  /** Changes arriving within this time are read once (LIVE_DEBOUNCE_MS). */
  debounceMs: number;
  /** A read running longer is stopped and tried again later (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  limits?: InputLimits;
  /** The API's address as browsers reach it, for absolute URLs in answers (see `Context.publicUrl`). */
  publicUrl?: () => string | undefined;
}

/** Reads of live queries running at once: the rest wait (and gather more changes meanwhile). */
const CONCURRENT_READS = 4;
/** After a read failed for want of the database, it is tried again after this long. */
const RETRY_MS = 5_000;

/** The answer's one root field is null (or there is no data): nothing is left to follow. */
function isTerminal(result: ExecutionResult): boolean {
  if (!result.data) return true;
  const values = Object.values(result.data);
  return values.length === 0 || values[0] === null;
}

/** An error that says the database was away or slow, not that the answer is what it is. */
function isTransient(error: GraphQLError): boolean {
  return (
    databaseFailure(error) !== undefined ||
    error.extensions?.code === ErrorCode.REQUEST_TIMEOUT ||
    error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE
  );
}

/**
 * Live queries: each subscription is its operation read again after each change to the data, and
 * its subscribers are sent the answer when it differs from the last one they got.
 *
 * - Shared: subscribers of the same operation text, variables, language and visibility (see
 *   `visibilityOf`) share one live query, read once per round whatever their number; a newcomer gets
 *   the last answer at once, without a read.
 * - Driven by the change feed: a change (or a resync) marks every live query; one round reads the
 *   marked ones `debounceMs` after the first change, at most CONCURRENT_READS at a time, so a burst
 *   of writes costs one read per live query, and changes during a round make one more round.
 * - Read as a query is: a fresh context (loaders, viewer, language) per read, the same resolvers
 *   and privacy rules; a read failing for want of the database is not sent, and tried again.
 * - Ends: when the root field becomes null (archived, gone or hidden), that answer is sent and the
 *   subscription completes.
 */
export class LiveHub {
  private readonly queries = new Map<string, LiveQuery>();
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private closed = false;
  private readonly unfollow: () => void;

  constructor(private readonly options: HubOptions) {
    this.unfollow = options.feed.subscribe((event) => this.changed(event));
  }

  /** Live queries and subscribers now (for /health and the tests). */
  get size(): { queries: number; subscribers: number } {
    let subscribers = 0;
    for (const q of this.queries.values()) subscribers += q.streams.size;
    return { queries: this.queries.size, subscribers };
  }

  /**
   * Subscribes: the stream of answers (the current one first), or the errors that refuse the
   * subscription (its object does not exist, or the first read failed).
   */
  async open(
    checked: CheckedSubscription,
    subscriber: Subscriber,
  ): Promise<LiveStream | { errors: readonly GraphQLError[] }> {
    if (this.closed) return { errors: [shuttingDown()] };
    const key = [checked.requestKey, subscriber.locale, visibilityOf(subscriber.viewer)].join('\0');
    let query = this.queries.get(key);
    if (!query) {
      const created = new LiveQuery(key, checked, subscriber);
      query = created;
      this.queries.set(key, created);
      created.ready = this.first(created);
    }
    const refused = await query.ready;
    if (refused) return { errors: refused };
    if (query.closed || !query.lastResult) return this.open(checked, subscriber);
    const stream = new Stream((s) => this.leave(query, s));
    query.streams.add(stream);
    stream.push(query.lastResult);
    return stream;
  }

  /** The first read of a new live query: its answer, or the errors that refuse it. */
  private async first(query: LiveQuery): Promise<readonly GraphQLError[] | undefined> {
    let result: ExecutionResult;
    try {
      result = await this.read(query);
    } catch (error) {
      this.drop(query);
      return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    if (result.errors?.some(isTransient) || isTerminal(result)) {
      this.drop(query);
      if (result.errors?.length) return result.errors;
      const field = Object.keys(result.data ?? {})[0] ?? 'the subscription';
      return [
        new AppError(
          ErrorCode.NOT_FOUND,
          `Nothing to follow: ${field} is null (there is no such object, or it is archived or hidden from you).`,
        ),
      ];
    }
    query.last = JSON.stringify(result);
    query.lastResult = result;
    return undefined;
  }

  /** One read of the live query's operation, as a request of its subscriber. */
  private async read(query: LiveQuery): Promise<ExecutionResult> {
    const { viewer, locale, clientAddress } = query.subscriber;
    const controller = new AbortController();
    const timeoutMs = this.options.requestTimeoutMs;
    const timer = setTimeout(
      () =>
        controller.abort(
          new AppError(ErrorCode.REQUEST_TIMEOUT, `The subscription's read ran longer than ${timeoutMs} ms.`),
        ),
      timeoutMs,
    );
    try {
      const ctx = createContext(this.options.em, this.options.auth, {
        viewer,
        locale,
        clientAddress,
        requestId: randomUUID(),
        limits: this.options.limits,
        signal: controller.signal,
        publicUrl: this.options.publicUrl?.(),
      });
      return await execute({
        schema: this.options.schema,
        document: query.checked.document,
        operationName: query.checked.operationName,
        variableValues: query.checked.variables,
        contextValue: ctx,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private leave(query: LiveQuery, stream: Stream) {
    query.streams.delete(stream);
    if (query.streams.size === 0 && query.lastResult) this.drop(query);
  }

  private drop(query: LiveQuery) {
    query.closed = true;
    clearTimeout(query.retry);
    if (this.queries.get(query.key) === query) this.queries.delete(query.key);
  }

  private changed(_event: ChangeEvent) {
    // Every change marks every live query: the tables an answer depends on are many (a region's
    // figures read most of them), and an unchanged answer is not sent again.
    for (const query of this.queries.values()) query.dirty = true;
    this.schedule();
  }

  private schedule() {
    if (this.closed || this.timer || this.round) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round = this.refresh().finally(() => {
        this.round = undefined;
        if ([...this.queries.values()].some((q) => q.dirty)) this.schedule();
      });
    }, this.options.debounceMs);
    this.timer.unref();
  }

  /** One round: reads every marked live query again and sends the answers that changed. */
  private async refresh(): Promise<void> {
    const marked = [...this.queries.values()].filter((q) => q.dirty);
    for (const q of marked) q.dirty = false;
    let next = 0;
    const worker = async () => {
      while (next < marked.length && !this.closed) {
        const query = marked[next++]!;
        // A live query still on its first read is read again after it: the change may have come too late for it.
        if (await query.ready) continue;
        await this.update(query);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, marked.length) }, worker));
  }

  private async update(query: LiveQuery) {
    if (query.closed) return;
    let result: ExecutionResult;
    try {
      result = await this.read(query);
    } catch (error) {
      this.options.log({ level: 'error', message: 'live query failed', stack: (error as Error).stack });
      return this.retryLater(query);
    }
    if (query.closed) return;
    if (result.errors?.some(isTransient)) return this.retryLater(query);
    const json = JSON.stringify(result);
    if (json === query.last) return;
    query.last = json;
    query.lastResult = result;
    const terminal = isTerminal(result);
    for (const stream of query.streams) {
      if (terminal) stream.finish(result);
      else stream.push(result);
    }
    if (terminal) this.drop(query);
  }

  private retryLater(query: LiveQuery) {
    if (query.retry || this.closed) return;
    query.retry = setTimeout(() => {
      query.retry = undefined;
      query.dirty = true;
      this.schedule();
    }, RETRY_MS);
    query.retry.unref();
  }

  /** Ends every subscription (after `last`, when given, e.g. why) and stops following the feed. */
  async close(last?: ExecutionResult): Promise<void> {
    this.closed = true;
    this.unfollow();
    clearTimeout(this.timer);
    for (const query of [...this.queries.values()]) {
      for (const stream of [...query.streams]) stream.finish(last);
      this.drop(query);
    }
    await this.round;
  }
}

const shuttingDown = () =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The server is shutting down; subscribe again in a moment.', {
    retryable: true,
  });
