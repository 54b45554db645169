import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify, SignJWT } from 'jose';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import type { Throttles } from '../../graphql/rate-limit.js';
import type { Viewer } from '../../graphql/viewer.js';
import { anonymous } from '../../graphql/viewer.js';
import type { Role } from './user.entity.js';

/** Token signing and sign-in settings, fixed at start-up. */
export interface AuthSettings {
  secret: Uint8Array;
  /** Token lifetime in seconds. */
  tokenTtlSeconds: number;
  /** A refused sign-in answers no sooner than this, whatever went wrong. */
  failureDelayMs: number;
  /** Sign-in attempts counted per account and per address (absent: not throttled). */
  throttles?: Throttles;
}

const ISSUER = 'revitalization-graph';

/**
 * The signing secret: JWT_SECRET when set, else one generated on first use and kept in
 * `dataDir/jwt-secret` (mode 0600), so tokens survive restarts of the embedded default.
 */
export async function loadSecret(configured: string | undefined, dataDir: string): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}

/** A signed, expiring token naming the account. */
export async function issueToken(
  settings: AuthSettings,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + settings.tokenTtlSeconds * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(settings.secret);
  return { token, expiresAt };
}

const unauthenticated = (message: string) =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

/**
 * The caller of a request: anonymous without an Authorization header; otherwise the account the
 * token names, read afresh from the database (a disabled account or changed role takes effect at
 * once), with the regions an official governs. A bad or expired token is UNAUTHENTICATED.
 */
export async function authenticate(
  em: EntityManager,
  settings: AuthSettings,
  header: string | undefined,
): Promise<Viewer> {
  if (!header) return anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  let userId: string;
  try {
    const { payload } = await jwtVerify(match[1]!, settings.secret, {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    userId = String(payload.sub);
    if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error('bad subject');
  } catch {
    throw unauthenticated('The token is invalid or has expired; sign in again');
  }
  const [row] = await em.getConnection().execute<
    {
      id: string;
      email: string;
      role: Role;
      region_id: string | null;
      disabled: boolean;
      region_ids: string[] | null;
    }[]
  >(
    `with recursive scope as (
       select r.id from region r join app_user u on u.region_id = r.id where u.id = ?
       union all select c.id from region c join scope s on c.parent_id = s.id)
     select u.id, u.email, u.role, u.region_id, u.disabled, (select array_agg(id) from scope) as region_ids
     from app_user u where u.id = ?`,
    [userId, userId],
  );
  if (!row || row.disabled) throw unauthenticated('The account no longer exists or is disabled');
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    role: row.role,
    regionId: row.region_id,
    regionIds: row.region_ids ?? [],
  };
}
