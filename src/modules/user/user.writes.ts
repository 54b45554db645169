import { hash } from '@node-rs/argon2';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/ids.js';
import { type UserError, UserErrorCode, userError } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { AppUser, Role } from './user.entity.js';
import { CreateUserInput } from './user.types.js';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * What is wrong with an account's role and password, beyond the field rules (the API's enum of
 * roles is checked by GraphQL; a script's is not): a known role, a password of at least
 * `MIN_PASSWORD_LENGTH` characters.
 */
function accountProblems(input: { password?: unknown; role?: unknown }): UserError[] {
  const problems: UserError[] = [];
  if (input.role != null && !Object.values(Role).includes(input.role as Role))
    problems.push(
      userError(
        ['input', 'role'],
        UserErrorCode.INVALID,
        `role must be one of ${Object.values(Role).join(', ')}`,
      ),
    );
  if (input.password != null && String(input.password).length < MIN_PASSWORD_LENGTH)
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

/**
 * Account management (admins only), through the one write path: a refused change writes nothing,
 * an accepted one is audited (a password as "changed", never its hash). A new password or disabling
 * an account bumps its token version, which revokes every token issued before.
 */
export const userWrites = defineWrites({
  entity: AppUser,
  type: 'User',
  table: readBack,
  owner: null,
  adminsOnly: 'accounts',
  input: CreateUserInput,
  unique: [{ props: ['email'], field: 'email', message: (u) => `An account for ${u.email} exists already` }],
  async validate(w, user, input, { creating }) {
    for (const p of accountProblems(input)) w.fail(p.field, p.code, p.message);
    // An official governs a region: one without is refused (the database holds the same rule).
    if (user.role === Role.OFFICIAL && !user.region)
      w.fail(['input', 'regionCode'], UserErrorCode.REQUIRED, 'An official needs a region');
    w.check();
    if (input.disabled != null && input.disabled !== user.disabled) {
      user.disabled = Boolean(input.disabled);
      if (user.disabled) user.tokenVersion++;
    }
    if (input.password) {
      user.passwordHash = await hashPassword(String(input.password));
      if (!creating) user.tokenVersion++;
    }
  },
});
