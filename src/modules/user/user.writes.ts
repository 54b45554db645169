import { hash } from '@node-rs/argon2';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/ids.js';
import { type UserError, UserErrorCode, userError } from '../../graphql/payload.js';
import type { Row } from '../../graphql/read/table.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { Region } from '../region/region.entity.js';
import { AppUser, Role } from './user.entity.js';
import type { CreateUserInput, UpdateUserInput } from './user.types.js';

export const MIN_PASSWORD_LENGTH = 12;

/** The account an input describes, as far as it can be checked without the database. */
interface AccountInput {
  email?: string;
  password?: string | null;
  role?: Role | null;
  regionCode?: string | null;
}

/**
 * What is wrong with an account's values, whoever gives them (the mutations, `npm run user:create`):
 * an e-mail address, a known role, a password of at least `MIN_PASSWORD_LENGTH` characters.
 */
export function accountProblems(input: AccountInput): UserError[] {
  const problems: UserError[] = [];
  if (input.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(input.email.trim()))
    problems.push(
      userError(['input', 'email'], UserErrorCode.INVALID, `"${input.email}" is not an e-mail address`),
    );
  if (input.role != null && !Object.values(Role).includes(input.role))
    problems.push(
      userError(
        ['input', 'role'],
        UserErrorCode.INVALID,
        `role must be one of ${Object.values(Role).join(', ')}`,
      ),
    );
  if (input.password != null && input.password.length < MIN_PASSWORD_LENGTH)
    problems.push(
      userError(
        ['input', 'password'],
        UserErrorCode.INVALID,
        `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      ),
    );
  return problems;
}

/** argon2id with the library's defaults (19 MiB, 2 passes): the OWASP baseline. */
export const hashPassword = (password: string) => hash(password);

/** The GraphQL shape of an account (never its password hash). */
export function userRow(user: AppUser): Row {
  return {
    __typename: 'User',
    id: toGlobalId('User', user.id),
    pk: user.id,
    email: user.email,
    role: user.role,
    displayName: user.displayName ?? null,
    regionId: user.region?.id ?? null,
    disabled: user.disabled,
    version: user.version,
  };
}

/** The account as the payload shows it, read fresh after the write. */
async function readBack(ctx: Context, pk: string): Promise<Row | null> {
  // In the request's transaction when it has one (a keyed mutation's: the account is not committed yet).
  const user = await ctx.em.fork({ keepTransactionContext: true }).findOne(AppUser, { id: pk });
  return user ? userRow(user) : null;
}

async function regionByCode(w: Writer, code: string | null | undefined): Promise<Region | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const region = await w.tx.findOne(Region, { code });
  if (!region) w.fail(['input', 'regionCode'], UserErrorCode.NOT_FOUND, `No region with code "${code}"`);
  return region;
}

/** An official governs a region: one without is refused (the database holds the same rule). */
function checkRegion(w: Writer, user: AppUser) {
  if (user.role === Role.OFFICIAL && !user.region)
    w.fail(['input', 'regionCode'], UserErrorCode.REQUIRED, 'An official needs a region');
}

/**
 * Account management (admins only), through the one write path: a refused change writes nothing,
 * an accepted one is audited (a password as "changed", never its hash). A new password or disabling
 * an account bumps its token version, which revokes every token issued before.
 */
export const userWrites = {
  create: (ctx: Context, input: CreateUserInput) =>
    mutate(ctx, readBack, async (w) => {
      w.requireAdmin('accounts');
      for (const p of accountProblems(input)) w.fail(p.field, p.code, p.message);
      const email = input.email.trim().toLowerCase();
      if (await w.tx.count(AppUser, { email }))
        w.fail(['input', 'email'], UserErrorCode.TAKEN, `An account for ${email} exists already`);
      const region = await regionByCode(w, input.regionCode);
      w.check();
      const user = w.tx.create(AppUser, {
        email,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        region: region ?? undefined,
        displayName: input.displayName ?? undefined,
      });
      checkRegion(w, user);
      w.track('createUser', 'User', user, null, true);
      return user;
    }),

  update: (ctx: Context, input: UpdateUserInput) =>
    mutate(ctx, readBack, async (w) => {
      w.requireAdmin('accounts');
      const user = await w.load(AppUser, 'User', input);
      w.track('updateUser', 'User', user, null);
      for (const p of accountProblems(input)) w.fail(p.field, p.code, p.message);
      if (input.role) user.role = input.role;
      const region = await regionByCode(w, input.regionCode);
      if (region !== undefined) user.region = region ?? undefined;
      checkRegion(w, user);
      w.check();
      if (input.displayName !== undefined) user.displayName = input.displayName ?? undefined;
      if (input.disabled != null && input.disabled !== user.disabled) {
        user.disabled = input.disabled;
        if (user.disabled) user.tokenVersion++;
      }
      if (input.password) {
        user.passwordHash = await hashPassword(input.password);
        user.tokenVersion++;
      }
      return user;
    }),
};
