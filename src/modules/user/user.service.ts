import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hash, verify } from '@node-rs/argon2';
import type { Context } from '../../graphql/context.js';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { UserErrorCode, userError } from '../../graphql/payload.js';
import { requireWriter } from '../../graphql/write/mutation.js';
import { AuditLog } from '../audit/audit.entity.js';
import { Region } from '../region/region.entity.js';
import { type AuthSettings, issueToken } from './auth.js';
import { AppUser, Role } from './user.entity.js';
import type { CreateUserInput, UpdateUserInput } from './user.types.js';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (19 MiB, 2 passes): the OWASP baseline. */
export const hashPassword = (password: string) => hash(password);

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
    const { token, expiresAt } = await issueToken(settings, user.id);
    return { token, expiresAt, user: userRow(user), userErrors: [] };
  },

  /** The signed-in account, or null for anonymous callers. */
  async viewer(ctx: Context) {
    if (ctx.viewer.kind !== 'user') return null;
    const user = await ctx.em.findOne(AppUser, { id: ctx.viewer.userId });
    return user ? userRow(user) : null;
  },

  /** Creates an account (the admin script; user management comes with the admin mutations). */
  async create(
    em: EntityManager,
    input: { email: string; password: string; role: Role; regionCode?: string; displayName?: string },
  ): Promise<AppUser> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`"${input.email}" is not an e-mail address`);
    if (!Object.values(Role).includes(input.role))
      throw new Error(`role must be one of ${Object.values(Role).join(', ')}`);
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
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

/** Admin-only account management, with the same checks, transaction and audit as every write. */
export const userAdmin = {
  async create(ctx: Context, input: CreateUserInput) {
    const viewer = requireWriter(ctx.viewer);
    if (viewer.role !== Role.ADMIN) throw new AppError(ErrorCode.FORBIDDEN, 'Only admins manage accounts');
    try {
      const user = await ctx.em.fork().transactional(async (tx) => {
        const created = await userService.create(tx, {
          ...input,
          regionCode: input.regionCode ?? undefined,
          displayName: input.displayName ?? undefined,
        });
        tx.create(AuditLog, {
          userId: viewer.userId,
          userEmail: viewer.email,
          operation: 'createUser',
          objectType: 'User',
          objectId: created.id,
          changes: {
            email: { before: null, after: created.email },
            role: { before: null, after: created.role },
          },
        });
        return created;
      });
      return { user: userRow(user), userErrors: [] };
    } catch (error) {
      return {
        user: null,
        userErrors: [userError(['input'], UserErrorCode.INVALID, (error as Error).message)],
      };
    }
  },

  async update(ctx: Context, input: UpdateUserInput) {
    const viewer = requireWriter(ctx.viewer);
    if (viewer.role !== Role.ADMIN) throw new AppError(ErrorCode.FORBIDDEN, 'Only admins manage accounts');
    const pk = parseGlobalId(input.id);
    return ctx.em.fork().transactional(async (tx) => {
      const user = pk?.type === 'User' ? await tx.findOne(AppUser, { id: pk.uuid }) : null;
      if (!user)
        return {
          user: null,
          userErrors: [userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No such account')],
        };
      if (user.version !== input.version) {
        return {
          user: null,
          userErrors: [
            userError(['input', 'version'], UserErrorCode.CONFLICT, 'The account changed since; reload it'),
          ],
        };
      }
      const before = {
        role: user.role,
        region: user.region?.id ?? null,
        disabled: user.disabled,
        displayName: user.displayName ?? null,
      };
      if (input.role) user.role = input.role;
      if (input.regionCode !== undefined) {
        const region = input.regionCode ? await tx.findOne(Region, { code: input.regionCode }) : null;
        if (input.regionCode && !region)
          return {
            user: null,
            userErrors: [userError(['input', 'regionCode'], UserErrorCode.NOT_FOUND, 'No such region')],
          };
        user.region = region ?? undefined;
      }
      if (user.role === Role.OFFICIAL && !user.region) {
        return {
          user: null,
          userErrors: [
            userError(['input', 'regionCode'], UserErrorCode.REQUIRED, 'An official needs a region'),
          ],
        };
      }
      if (input.disabled != null) user.disabled = input.disabled;
      if (input.displayName !== undefined) user.displayName = input.displayName ?? undefined;
      if (input.password) {
        if (input.password.length < MIN_PASSWORD_LENGTH) {
          return {
            user: null,
            userErrors: [
              userError(
                ['input', 'password'],
                UserErrorCode.INVALID,
                `At least ${MIN_PASSWORD_LENGTH} characters`,
              ),
            ],
          };
        }
        user.passwordHash = await hashPassword(input.password);
      }
      const after = {
        role: user.role,
        region: user.region?.id ?? null,
        disabled: user.disabled,
        displayName: user.displayName ?? null,
      };
      const changes = Object.fromEntries(
        Object.keys(after)
          .filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after])
          .map((k) => [
            k,
            { before: before[k as keyof typeof before], after: after[k as keyof typeof after] },
          ]),
      );
      if (input.password) changes.password = { before: '(hidden)', after: '(changed)' };
      tx.create(AuditLog, {
        userId: viewer.userId,
        userEmail: viewer.email,
        operation: 'updateUser',
        objectType: 'User',
        objectId: user.id,
        changes,
      });
      await tx.flush();
      return { user: userRow(user), userErrors: [] };
    });
  },
};

/** The GraphQL shape of an account (never its password hash). */
function userRow(user: AppUser) {
  return {
    __typename: 'User',
    id: Buffer.from(`User:${user.id}`).toString('base64url'),
    pk: user.id,
    email: user.email,
    role: user.role,
    displayName: user.displayName ?? null,
    regionId: user.region?.id ?? null,
    disabled: user.disabled,
    version: user.version,
  };
}
