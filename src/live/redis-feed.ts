import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  type ChangeEvent,
  type ChangeFeed,
  type ChangeListener,
  Listeners,
  PgChangeFeed,
} from '../db/change-feed.js';
import type { Logger } from '../logger.js';

/** How long a relay's lease lasts unless renewed; it is renewed (or sought) every third of it. */
const LEASE_MS = 6_000;

/** Renews the lease when this instance holds it, else takes it when free: 1 when it is ours. */
const ACQUIRE = `if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
/** Gives the lease up when this instance holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/** A change as relayed through Redis: the event and the instance that heard it from the database. */
interface Relayed {
  from: string;
  kind: 'change' | 'resync';
  table?: string;
}

/**
 * The change feed of instances sharing a Redis (REDIS_URL): one of them at a time (the holder of a
 * lease in Redis) LISTENs to the database and publishes each change on a Redis channel; every
 * instance, the relay included, hears them there. The database sees one LISTEN connection however
 * many instances run, and an instance that cannot LISTEN (behind a transaction pooler) still hears
 * every change.
 *
 * - The relay renews its lease every 2 s; when it stops (gracefully it gives the lease up) or dies
 *   (the lease runs out within 6 s), another instance takes the lease, LISTENs, and publishes a
 *   `resync`: changes in between were not relayed.
 * - While Redis is unreachable, each instance LISTENs for itself (as without Redis) and emits
 *   `resync` when Redis is back: nothing depends on Redis being up.
 * - An instance hears its own relayed events directly, not back from Redis.
 */
export class RedisChangeFeed implements ChangeFeed {
  private readonly id = randomUUID();
  private readonly listeners: Listeners;
  private readonly channel: string;
  private readonly leaseKey: string;
  private local?: PgChangeFeed;
  private localStarting?: Promise<void>;
  private leader = false;
  /** Some instance held the lease at the last look. */
  private relayed = false;
  /** Subscribed to the channel (Redis up). */
  private subscribed = false;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private closed = false;

  private constructor(
    private readonly redis: Redis,
    private readonly sub: Redis,
    private readonly databaseUrl: string,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.listeners = new Listeners(log);
    this.channel = `${prefix}:changes`;
    this.leaseKey = `${prefix}:change-feed-relay`;
  }

  /** Connects to Redis at `redisUrl` and takes its part: relay, listener of the relay, or (Redis away) its own LISTEN. */
  static async open(options: {
    databaseUrl: string;
    redisUrl: string;
    /** Keys and channel of this database's instances (a digest of the database URL). */
    prefix: string;
    log: Logger;
  }): Promise<RedisChangeFeed> {
    const { Redis } = await import('ioredis');
    const settings = {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
      connectTimeout: 2_000,
      lazyConnect: true,
      autoResubscribe: false,
    };
    const redis = new Redis(options.redisUrl, settings);
    const sub = new Redis(options.redisUrl, settings);
    for (const client of [redis, sub]) client.on('error', () => {});
    const feed = new RedisChangeFeed(redis, sub, options.databaseUrl, options.prefix, options.log);
    sub.on('message', (channel: string, text: string) => feed.received(channel, text));
    sub.on('ready', () => void feed.resubscribe());
    sub.on('close', () => {
      if (feed.subscribed)
        feed.log({ level: 'warn', message: 'change feed: Redis unreachable; listening alone' });
      feed.subscribed = false;
      feed.soon();
    });
    await Promise.all([redis.connect().catch(() => {}), sub.connect().catch(() => {})]);
    if (sub.status === 'ready') await feed.resubscribe();
    await feed.tick();
    feed.schedule();
    return feed;
  }

  subscribe(listener: ChangeListener): () => void {
    return this.listeners.add(listener);
  }

  get listening(): boolean {
    if (this.local && (this.leader || !this.subscribed)) return this.local.listening;
    return this.subscribed && this.relayed;
  }

  /** (Re)subscribes to the channel after a (re)connect: what was relayed meanwhile is lost, so resync. */
  private async resubscribe() {
    try {
      await this.sub.subscribe(this.channel);
    } catch {
      return;
    }
    const back = !this.subscribed;
    this.subscribed = true;
    if (back) this.listeners.emit({ kind: 'resync' });
    this.soon();
  }

  private received(channel: string, text: string) {
    if (channel !== this.channel) return;
    let message: Relayed;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.from === this.id) return;
    if (message.kind === 'resync') this.listeners.emit({ kind: 'resync' });
    else if (message.kind === 'change' && typeof message.table === 'string')
      this.listeners.emit({ kind: 'change', table: message.table });
  }

  /** An event of this instance's own LISTEN: heard here, and relayed when this instance is the relay. */
  private heard(event: ChangeEvent) {
    this.listeners.emit(event);
    if (!this.leader || this.redis.status !== 'ready') return;
    const message: Relayed = { from: this.id, ...event };
    this.redis.publish(this.channel, JSON.stringify(message)).catch(() => {});
  }

  private schedule() {
    if (this.closed) return;
    this.timer = setTimeout(async () => {
      await this.tick();
      this.schedule();
    }, LEASE_MS / 3);
    this.timer.unref();
  }

  /** A look at the lease now (Redis went or came back). */
  private soon() {
    if (!this.closed) setImmediate(() => void this.tick());
  }

  /** Takes, keeps or leaves the relay's part, and starts or stops this instance's own LISTEN to match. */
  private tick(): Promise<void> {
    this.ticking ??= this.look().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async look() {
    if (this.closed) return;
    let ours = false;
    let up = this.subscribed && this.redis.status === 'ready';
    if (up) {
      try {
        ours = (await this.redis.eval(ACQUIRE, 1, this.leaseKey, this.id, String(LEASE_MS))) === 1;
      } catch {
        up = false;
      }
    }
    if (this.closed) return;
    const was = this.leader;
    this.leader = up && ours;
    this.relayed = up;
    if (this.leader && !was)
      this.log({ level: 'info', message: 'change feed: this instance relays the database changes' });
    // Its own LISTEN when it relays, or when Redis is away; else it hears the relay.
    await this.ownListen(this.leader || !up);
  }

  private async ownListen(on: boolean) {
    await this.localStarting;
    if (on && !this.local) {
      this.localStarting = PgChangeFeed.open(this.databaseUrl, this.log, { retry: true }).then((local) => {
        local.subscribe((event) => this.heard(event));
        this.local = local;
      });
      await this.localStarting;
      this.localStarting = undefined;
      // Its first connect resynced: when it connected before the subscription above, do it now.
      if ((this.local as PgChangeFeed | undefined)?.listening) this.heard({ kind: 'resync' });
    } else if (!on && this.local) {
      const local = this.local;
      this.local = undefined;
      await local.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.localStarting;
    if (this.leader) await this.redis.eval(RELEASE, 1, this.leaseKey, this.id).catch(() => {});
    await this.local?.close();
    this.local = undefined;
    await Promise.all([this.redis, this.sub].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
