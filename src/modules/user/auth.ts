import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify, SignJWT } from 'jose';
import { ErrorCode, requestError } from '../../graphql/errors.js';
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

/** The claim that carries the account's token version (see `AppUser.tokenVersion`). */
const TOKEN_VERSION = 'tv';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A signed, expiring token naming the account and its token version: a new password or disabling
 * the account bumps the version, and the token stops working.
 */
export async function issueToken(
  settings: AuthSettings,
  userId: string,
  tokenVersion: number,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + settings.tokenTtlSeconds * 1000);
  const token = await new SignJWT({ [TOKEN_VERSION]: tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(settings.secret);
  return { token, expiresAt };
}

/**
 * Whether an Authorization header carries a token this API signed and that has not expired (the
 * signature only: no database read). The HTTP layer lets such callers send large bodies.
 */
export async function signedToken(settings: AuthSettings, header: string | undefined): Promise<boolean> {
  const match = header && /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return false;
  try {
    await jwtVerify(match[1]!, settings.secret, {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    return true;
  } catch {
    return false;
  }
}

const unauthenticated = (message: string) => requestError(ErrorCode.UNAUTHENTICATED, message);

/**
 * The caller of a request: anonymous without an Authorization header; otherwise the account the
 * token names, read afresh from the database (a disabled account or changed role takes effect at
 * once), with the regions an official governs, in one statement by primary key. A bad or expired
 * token, one without an expiry, subject or token version, or one issued before the account's
 * password changed or it was disabled, is UNAUTHENTICATED.
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
  let tokenVersion: number;
  try {
    const { payload } = await jwtVerify(match[1]!, settings.secret, {
      issuer: ISSUER,
      algorithms: ['HS256'],
      // A token without an expiry would be valid forever.
      requiredClaims: ['exp', 'sub', TOKEN_VERSION],
    });
    userId = String(payload.sub);
    tokenVersion = payload[TOKEN_VERSION] as number;
    if (!UUID.test(userId) || !Number.isInteger(tokenVersion)) throw new Error('bad claims');
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
      token_version: number;
      region_ids: string[] | null;
    }[]
  >(
    `with recursive scope as (
       select r.id from region r join app_user u on u.region_id = r.id where u.id = ?
       union all select c.id from region c join scope s on c.parent_id = s.id)
     select u.id, u.email, u.role, u.region_id, u.disabled, u.token_version,
            (select array_agg(id) from scope) as region_ids
     from app_user u where u.id = ?`,
    [userId, userId],
  );
  if (!row || row.disabled) throw unauthenticated('The account no longer exists or is disabled');
  if (row.token_version !== tokenVersion)
    throw unauthenticated(
      'The token was revoked (the password changed or the account was disabled); sign in again',
    );
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    role: row.role,
    regionId: row.region_id,
    regionIds: row.region_ids ?? [],
  };
}
