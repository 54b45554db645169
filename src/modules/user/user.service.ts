import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { verify } from '@node-rs/argon2';
import type { Context } from '../../graphql/context.js';
import { UserErrorCode, userError } from '../../graphql/payload.js';
import type { SignedIn } from '../../graphql/viewer.js';
import { Rollback, runWrite } from '../../graphql/write/mutation.js';
import { type AuthSettings, issueToken } from './auth.js';
import { AppUser, Role } from './user.entity.js';
import { hashPassword, userRow, userWrites } from './user.writes.js';

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the e-mail is unknown, so both failures cost the same. */
const dummy = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
};

/** What a refused sign-in answers, whatever the reason: no hint whether the e-mail exists. */
const REFUSED = [
  userError(['input', 'password'], UserErrorCode.INVALID_CREDENTIALS, 'Wrong e-mail or password.'),
];

/** Who creates accounts from the command line: an admin of no account. */
const SCRIPT: SignedIn = {
  kind: 'user',
  userId: '',
  email: 'npm run user:create',
  role: Role.ADMIN,
  regionId: null,
  regionIds: [],
};

export const userService = {
  /**
   * Signs in. A refused attempt verifies a password hash all the same and answers no sooner than
   * the configured delay, so neither timing nor message tells whether the account exists.
   */
  async login(ctx: Context, settings: AuthSettings, email: string, password: string) {
    const started = Date.now();
    const address = email.trim().toLowerCase();
    // Counted before the password is checked, so that guesses sent at once count too (RATE_LIMITED past it).
    await settings.throttles?.signInAttempt(address, ctx.clientAddress);
    const user = await ctx.em.findOne(AppUser, { email: address });
    const matches = await verify(user?.passwordHash ?? (await dummy()), password).catch(() => false);
    if (!user || user.disabled || !matches) {
      await sleep(Math.max(0, settings.failureDelayMs - (Date.now() - started)));
      return { token: null, expiresAt: null, user: null, userErrors: REFUSED };
    }
    await settings.throttles?.signedIn(address, ctx.clientAddress);
    const { token, expiresAt } = await issueToken(settings, user.id, user.tokenVersion);
    return { token, expiresAt, user: userRow(user), userErrors: [] };
  },

  /** The signed-in account, or null for anonymous callers. */
  async viewer(ctx: Context) {
    if (ctx.viewer.kind !== 'user') return null;
    const user = await ctx.em.findOne(AppUser, { id: ctx.viewer.userId });
    return user ? userRow(user) : null;
  },

  /**
   * Creates an account from a script (`npm run user:create`), by the same write as `createUser`
   * (not audited: no caller made it); a refusal throws its messages.
   */
  async create(
    em: EntityManager,
    input: { email: string; password: string; role: Role; regionCode?: string; displayName?: string },
  ): Promise<AppUser> {
    try {
      return await runWrite(em, SCRIPT, (w) => userWrites.createWork(w, input), { audited: false });
    } catch (error) {
      if (error instanceof Rollback) throw new Error(error.userErrors.map((e) => e.message).join('; '));
      throw error;
    }
  },
};
