import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { verify } from '@node-rs/argon2';
import type { Context } from '../../graphql/context.js';
import { UserErrorCode, userError } from '../../graphql/payload.js';
import { Region } from '../region/region.entity.js';
import { type AuthSettings, issueToken } from './auth.js';
import { AppUser, Role } from './user.entity.js';
import { accountProblems, hashPassword, userRow } from './user.writes.js';

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

  /** Creates an account from a script (`npm run user:create`); the mutations are in user.writes.ts. */
  async create(
    em: EntityManager,
    input: { email: string; password: string; role: Role; regionCode?: string; displayName?: string },
  ): Promise<AppUser> {
    const email = input.email.trim().toLowerCase();
    const [problem] = accountProblems(input);
    if (problem) throw new Error(problem.message);
    if (input.role === Role.OFFICIAL && !input.regionCode)
      throw new Error('an OFFICIAL needs --region <code>');
    const region = input.regionCode ? await em.findOne(Region, { code: input.regionCode }) : null;
    if (input.regionCode && !region) throw new Error(`no region with code "${input.regionCode}"`);
    if (await em.findOne(AppUser, { email })) throw new Error(`an account for ${email} exists already`);
    const user = em.create(AppUser, {
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      region: region ?? undefined,
      displayName: input.displayName,
    });
    await em.flush();
    return user;
  },
};
