import pg from 'pg';

/** Log entry writer (the server's JSON logger). */
type Log = (entry: Record<string, unknown>) => void;

/** The channel the data tables' triggers notify (Migration20261128050000_change_notifications). */
export const CHANGES_CHANNEL = 'revgraph_changes';

/**
 * What a change feed tells its listeners: a committed write to `table`, or `resync`: from now on
 * every change is heard, but changes made before may have been missed (a (re)connect), so anything
 * derived from the data must be read again.
 */
export type ChangeEvent = { kind: 'change'; table: string } | { kind: 'resync' };

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * The database's change notifications as one stream per process, for the response cache (which
 * drops its answers) and the live queries of subscriptions (which are read again): one LISTEN
 * connection however many consumers there are.
 */
export interface ChangeFeed {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Whether changes are heard right now (false while the feed reconnects): /health and the cache read it. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/** Listeners of a feed: each called for each event; one that throws does not stop the others. */
export class Listeners {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly log: Log) {}

  add(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log({ level: 'error', message: 'change listener failed', stack: (error as Error).stack });
      }
    }
  }
}

/**
 * LISTEN on `revgraph_changes` over a connection of its own (a pooled one cannot hold a LISTEN).
 * Every successful connect, the first included, emits `resync`: changes made before it were not
 * heard. When the connection drops, one reconnect loop tries again with capped, jittered backoff
 * (0.5 s doubling to 15 s); at most one client exists at a time, and a failed attempt's client is
 * ended before the next is made.
 */
export class PgChangeFeed implements ChangeFeed {
  private client?: pg.Client;
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;
  /** The connection was lost since the last successful connect. */
  private lost = false;
  private readonly listeners: Listeners;

  private constructor(
    private readonly databaseUrl: string,
    private readonly log: Log,
  ) {
    this.listeners = new Listeners(log);
  }

  /**
   * Connects and listens; with `retry`, a first connect that fails is retried in the background (as
   * after a loss) instead of throwing.
   */
  static async open(databaseUrl: string, log: Log, options: { retry?: boolean } = {}): Promise<PgChangeFeed> {
    const feed = new PgChangeFeed(databaseUrl, log);
    try {
      await feed.connect();
    } catch (error) {
      if (!options.retry) throw error;
      feed.lost = true;
      feed.failures++;
      feed.scheduleReconnect();
    }
    return feed;
  }

  subscribe(listener: ChangeListener): () => void {
    return this.listeners.add(listener);
  }

  get listening(): boolean {
    return !!this.client;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5_000 });
    // Errors end the connection ('end' follows); the loss is handled there, once.
    client.on('error', () => {});
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload)
        this.listeners.emit({ kind: 'change', table: message.payload });
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
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
      if (this.client !== client) return;
      this.client = undefined;
      this.lost = true;
      this.log({ level: 'warn', message: 'change feed lost its database connection; reconnecting' });
      // Whatever was derived from the data may now go stale unheard.
      this.listeners.emit({ kind: 'resync' });
      this.scheduleReconnect();
    });
    this.client = client;
    if (this.lost) {
      this.lost = false;
      this.log({ level: 'info', message: 'change feed reconnected' });
    }
    this.failures = 0;
    // Writes made before this connect (while it was away, or before it started) were not announced.
    this.listeners.emit({ kind: 'resync' });
  }

  private scheduleReconnect() {
    if (this.closed || this.reconnectTimer) return;
    const delay = Math.min(15_000, 500 * 2 ** Math.min(this.failures, 5)) * (0.75 + Math.random() / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => {
        this.failures++;
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
