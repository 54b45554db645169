import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeJwt } from 'jose';
import type { CorsOrigins } from '../cors.js';
import { databaseFailure } from '../db/failures.js';
import { AppError, ErrorCode } from '../graphql/errors.js';
import type { Viewer } from '../graphql/viewer.js';
import { type AuthSettings, authenticate } from '../modules/user/auth.js';
import { visibilityOf } from './hub.js';

/**
 * Open connections (WebSockets and event streams) per client address, bounded (CONNECTIONS_PER_CLIENT):
 * each holds a socket, timers and its subscriptions' share of the live queries.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts a connection of `client`: the function that releases it (once), or undefined when at the cap. */
  acquire(client: string): (() => void) | undefined {
    const count = this.open.get(client) ?? 0;
    if (count >= this.max) return undefined;
    this.open.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(client) ?? 1) - 1;
      if (left <= 0) this.open.delete(client);
      else this.open.set(client, left);
    };
  }

  /** Connections open now. */
  get total(): number {
    let total = 0;
    for (const count of this.open.values()) total += count;
    return total;
  }
}

/**
 * Whether a page of `origin` may open a live connection. Browsers apply no CORS to WebSockets (and a
 * page's event stream is read only where CORS lets it): refused here by the same CORS_ORIGINS as the
 * HTTP answers. No Origin (a program, not a page) is not a page's request, as for HTTP.
 */
export function originAllowed(origins: CorsOrigins, origin: string | undefined): boolean {
  return origins === '*' || origin === undefined || origins.includes(origin);
}

/** Longest delay setTimeout takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The caller of a live connection: `authorization` ("Bearer <token>", or absent for anonymous) read as
 * the HTTP path reads it. Refusals are AppErrors: UNAUTHENTICATED (bad, expired or revoked token),
 * SERVICE_UNAVAILABLE (the database cannot check the account now).
 */
export async function viewerOf(
  em: EntityManager,
  auth: AuthSettings,
  authorization: unknown,
): Promise<Viewer> {
  if (authorization !== undefined && authorization !== null && typeof authorization !== 'string')
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'authorization must be a string: "Bearer <token>"');
  try {
    return await authenticate(em, auth, authorization ?? undefined);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (!databaseFailure(error)) throw error;
    throw new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'The database is unavailable for a moment and the token could not be checked; connect again in a few seconds.',
      { retryable: true },
    );
  }
}

/**
 * Watches a signed-in connection: `end(message)` is called when its token expires, or when a check
 * every `recheckMs` (LIVE_RECHECK_SECONDS) finds the account disabled, its password changed (the token revoked) or its role or
 * regions changed (what it may see is no longer what its subscriptions were read with). Returns the
 * function that stops watching. An anonymous connection is not watched.
 */
export function watchSession(
  em: EntityManager,
  auth: AuthSettings,
  authorization: string | undefined,
  viewer: Viewer,
  recheckMs: number,
  end: (message: string) => void,
): () => void {
  if (viewer.kind !== 'user' || !authorization) return () => {};
  const token = authorization.trim().replace(/^Bearer\s+/i, '');
  const exp = decodeJwt(token).exp ?? 0;
  const expiry = setTimeout(
    () => end('The token has expired; sign in again.'),
    Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - Date.now())),
  );
  expiry.unref();
  const visible = visibilityOf(viewer);
  const recheck = setInterval(async () => {
    try {
      const now = await authenticate(em, auth, authorization);
      if (visibilityOf(now) !== visible) end('The account changed (role or regions); connect again.');
    } catch (error) {
      // The database away is no verdict on the token: checked again next time.
      if (error instanceof AppError) end(error.message);
    }
  }, recheckMs);
  recheck.unref();
  return () => {
    clearTimeout(expiry);
    clearInterval(recheck);
  };
}
