import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Where cached responses live. Entries are written under a generation; any change to the data bumps
 * the generation, and an entry of an older generation is never served again. A read that started
 * before a write stores its answer under the generation it saw, so it cannot outlive the write.
 */
export interface CacheStore {
  /** The entry stored under `key` for the current generation, and that generation. */
  get(key: string): Promise<{ value?: string; generation: number }>;
  /** Stores `value` under `key`, valid as long as the generation stays `generation`. */
  set(key: string, value: string, generation: number): Promise<void>;
  /** Starts a new generation: every entry stored so far is dropped. */
  invalidate(): Promise<void>;
  /** A key-value store for automatic persisted queries (query text by hash), shared like the entries. */
  readonly queries: KeyValueStore;
  close(): Promise<void>;
}

/** The shape Apollo Server takes as its persisted-query cache. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** In this process only: a size-bounded LRU map. */
export class MemoryStore implements CacheStore {
  private generation = 0;
  private readonly entries: LRUCache<string, { value: string; generation: number }>;
  private readonly persisted: LRUCache<string, string>;
  readonly queries: KeyValueStore;

  constructor(options: { maxBytes: number; ttlSeconds: number }) {
    this.entries = new LRUCache({
      maxSize: options.maxBytes,
      sizeCalculation: (e) => e.value.length + 64,
      ttl: options.ttlSeconds * 1000,
    });
    this.persisted = new LRUCache({ maxSize: 16 * 1024 * 1024, sizeCalculation: (v) => v.length + 64 });
    const persisted = this.persisted;
    this.queries = {
      get: async (key) => persisted.get(key),
      set: async (key, value) => {
        persisted.set(key, value);
      },
      delete: async (key) => persisted.delete(key),
    };
  }

  async get(key: string) {
    const entry = this.entries.get(key);
    return {
      value: entry?.generation === this.generation ? entry.value : undefined,
      generation: this.generation,
    };
  }

  async set(key: string, value: string, generation: number) {
    if (generation === this.generation) this.entries.set(key, { value, generation });
  }

  async invalidate() {
    this.generation++;
    this.entries.clear();
  }

  async close() {
    this.entries.clear();
  }
}

/**
 * Shared by every API instance through Redis: the generation is one counter, entries carry the
 * generation they were stored under and expire after the TTL. One round trip per lookup (MGET).
 */
export class RedisStore implements CacheStore {
  private readonly redis: Redis;
  private readonly generationKey: string;
  readonly queries: KeyValueStore;

  /** Connects to Redis at `url` (the client is loaded only when Redis is configured). */
  static async connect(url: string, options: { ttlSeconds: number; prefix?: string }): Promise<RedisStore> {
    const { Redis } = await import('ioredis');
    // While Redis is away a lookup fails at once (no offline queue) and counts as a miss: requests are
    // answered without the cache, never held. ioredis reconnects by itself.
    const redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
      connectTimeout: 2_000,
      lazyConnect: true,
    });
    redis.on('error', () => {});
    await redis.connect().catch(() => {});
    const store = new RedisStore(redis, options);
    // Back after a loss: invalidations sent meanwhile were lost, so start a new generation.
    let lost = false;
    redis.on('close', () => {
      lost = true;
    });
    redis.on('ready', () => {
      if (lost) void store.invalidate().catch(() => {});
      lost = false;
    });
    return store;
  }

  private constructor(
    redis: Redis,
    private readonly options: { ttlSeconds: number; prefix?: string },
  ) {
    this.redis = redis;
    const prefix = options.prefix ?? 'revgraph:';
    this.generationKey = `${prefix}generation`;
    // While Redis is away, a persisted query is not found (the client sends its text again, as the
    // protocol has it) and registering one is skipped: the request is answered either way.
    this.queries = {
      get: async (key) => (await redis.get(`${prefix}apq:${key}`).catch(() => null)) ?? undefined,
      set: async (key, value, opts) => {
        const ttl = opts?.ttl;
        await (ttl
          ? redis.set(`${prefix}apq:${key}`, value, 'EX', ttl)
          : redis.set(`${prefix}apq:${key}`, value)
        ).catch(() => {});
      },
      delete: async (key) => (await redis.del(`${prefix}apq:${key}`).catch(() => 0)) > 0,
    };
    this.entryKey = (key) => `${prefix}response:${key}`;
  }

  private readonly entryKey: (key: string) => string;

  async get(key: string) {
    const [generation, stored] = await this.redis.mget(this.generationKey, this.entryKey(key));
    const current = Number(generation ?? 0);
    if (!stored) return { generation: current };
    const cut = stored.indexOf('\n');
    return {
      value: Number(stored.slice(0, cut)) === current ? stored.slice(cut + 1) : undefined,
      generation: current,
    };
  }

  async set(key: string, value: string, generation: number) {
    await this.redis.set(this.entryKey(key), `${generation}\n${value}`, 'EX', this.options.ttlSeconds);
  }

  async invalidate() {
    await this.redis.incr(this.generationKey);
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
