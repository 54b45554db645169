import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { ErrorCode, requestError } from './errors.js';

/** The limits the throttles enforce (see `Config`). */
export interface ThrottleSettings {
  /** Cost points per client and window; 0: requests are not limited. */
  points: number;
  windowSeconds: number;
  login: {
    maxFailures: number;
    maxFailuresPerIp: number;
    windowSeconds: number;
    lockoutSeconds: number;
  };
}

/** What the request limiter said about one request, for the `RateLimit-*` headers and `extensions.cost`. */
export interface Allowance {
  limit: number;
  remaining: number;
  /** Seconds until the window starts afresh. */
  resetSeconds: number;
}

const LOCKOUT_CAP_SECONDS = 24 * 3600;

/**
 * The rate limiters' Redis connection: commands fail at once while Redis is away (no offline queue),
 * so the limiters count in memory meanwhile; ioredis reconnects by itself.
 */
export async function connectThrottleStore(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors are expected while Redis restarts; the insurance limiter covers them.
  redis.on('error', () => {});
  return redis;
}

/** A RATE_LIMITED error: HTTP 429 with `Retry-After` (seconds), the seconds also in `extensions.retryAfter`. */
export function rateLimited(message: string, retryAfter: number, headers: Record<string, string> = {}) {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return requestError(
    ErrorCode.RATE_LIMITED,
    message,
    { retryAfter: seconds },
    { headers: { ...headers, 'retry-after': String(seconds) } },
  );
}

/**
 * The API's throttles: cost points per client (per account when signed in, per IP address when
 * anonymous) and sign-in attempts per account and per IP address. Counters live in this process, or
 * in Redis when one is given, shared by every instance; while Redis is unreachable each instance
 * counts in its own memory (rate-limiter-flexible's insurance limiter), so a Redis restart never
 * takes the API down.
 */
export class Throttles {
  private readonly requests?: RateLimiterAbstract;
  private readonly accounts: RateLimiterAbstract;
  private readonly addresses: RateLimiterAbstract;
  /** Lockouts per account in the last day: each doubles the next one. */
  private readonly lockouts: RateLimiterAbstract;

  constructor(
    readonly settings: ThrottleSettings,
    redis?: Redis,
    prefix = 'revgraph',
  ) {
    const make = (keyPrefix: string, options: IRateLimiterOptions): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ ...options, keyPrefix });
      return redis
        ? new RateLimiterRedis({
            ...options,
            keyPrefix: `${prefix}:${keyPrefix}`,
            storeClient: redis,
            // Fail over to memory at once while Redis is away, instead of queueing behind it.
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
    };
    if (settings.points > 0) {
      this.requests = make('rl', { points: settings.points, duration: settings.windowSeconds });
    }
    const { login } = settings;
    this.accounts = make('login-account', { points: login.maxFailures, duration: login.windowSeconds });
    this.addresses = make('login-ip', { points: login.maxFailuresPerIp, duration: login.windowSeconds });
    this.lockouts = make('login-lockouts', { points: 1_000_000, duration: LOCKOUT_CAP_SECONDS });
  }

  /**
   * Charges a request's cost to its client. Refuses with RATE_LIMITED (HTTP 429, `Retry-After`) when
   * the client's points for this window are spent; returns what is left otherwise (none when the
   * limiter is off).
   */
  async charge(client: string, cost: number): Promise<Allowance | undefined> {
    if (!this.requests) return undefined;
    const limit = this.settings.points;
    try {
      const res = await this.requests.consume(client, Math.max(0, cost));
      return { limit, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const reset = Math.ceil(error.msBeforeNext / 1000);
      throw rateLimited(
        cost > limit
          ? `This operation costs ${cost} points, more than the ${limit} a client may spend per ${this.settings.windowSeconds} s.`
          : `Too many requests: this client spent its ${limit} cost points for this ${this.settings.windowSeconds} s window; retry after ${reset} s.`,
        reset,
        { 'ratelimit-limit': String(limit), 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
      );
    }
  }

  /**
   * Counts a sign-in attempt for the account (`email`) and the caller's address before the password
   * is checked, so that concurrent guesses count too. Refuses with RATE_LIMITED past either limit;
   * each lockout of an account in a day doubles the next (`lockoutSeconds`, 2×, 4×, …, at most a day).
   */
  async signInAttempt(email: string, ip: string): Promise<void> {
    const account = `a:${email}`;
    try {
      await this.addresses.consume(`i:${ip}`);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw rateLimited(
        'Too many sign-in attempts from this address; retry later.',
        error.msBeforeNext / 1000,
      );
    }
    try {
      await this.accounts.consume(account);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      let seconds = error.msBeforeNext / 1000;
      // The first refused attempt starts the lockout; later ones are told how long it still lasts.
      if (error.consumedPoints === this.settings.login.maxFailures + 1) {
        const count = (await this.lockouts.consume(account)).consumedPoints;
        seconds = Math.min(this.settings.login.lockoutSeconds * 2 ** (count - 1), LOCKOUT_CAP_SECONDS);
        await this.accounts.block(account, seconds);
      }
      throw rateLimited('Too many sign-in attempts for this account; retry later.', seconds);
    }
  }

  /** A successful sign-in clears the account's count and gives the address its attempt back. */
  async signedIn(email: string, ip: string): Promise<void> {
    await Promise.all([this.accounts.delete(`a:${email}`), this.addresses.reward(`i:${ip}`)]);
  }
}
