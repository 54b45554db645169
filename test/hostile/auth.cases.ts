import { SignJWT } from 'jose';
import type { HostileCase, HostileTarget } from './corpus.js';

/**
 * Hostile tokens and sign-ins: forged, unsigned, without expiry, naming no account, revoked by a
 * password change or by disabling the account. Every one is UNAUTHENTICATED (HTTP 401), never a 500.
 */

/** The runner's signing secret (test/hostile.test.ts, JWT_SECRET): forged tokens are signed right. */
const SECRET = new TextEncoder().encode('hostile-corpus-secret-hostile-corpus-secret');
const ISSUER = 'revitalization-graph';
const VIEWER = { query: '{ viewer { email } }' };
const in10min = () => Math.floor(Date.now() / 1000) + 600;

/** A token signed with the API's secret carrying exactly `claims` (no expiry unless given). */
const forge = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).sign(secret);

/** The id and token version of the runner's admin account. */
async function admin(t: HostileTarget) {
  await t.token('ADMIN');
  const [row] = await t.sql<{ id: string; token_version: number }>(
    "select id, token_version from app_user where email = 'hostile-admin-all@tests.example'",
  );
  return row!;
}

const bearer = (t: HostileTarget, token: string) => t.graphql(VIEWER, { authorization: `Bearer ${token}` });

/** Signs up a fresh partner (as admin), signs in as it, then applies `change`; answers with the first token. */
async function revoked(t: HostileTarget, change: Record<string, unknown>) {
  const adminToken = await t.token('ADMIN');
  const email = `hostile-revoked-${Date.now()}-${Math.random().toString(36).slice(2)}@tests.example`;
  const password = 'a long hostile password';
  const call = async (query: string, variables: unknown, token?: string) =>
    (await (
      await t.graphql({ query, variables }, token ? { authorization: `Bearer ${token}` } : {})
    ).json()) as { data: any };
  const created = await call(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id version } } }',
    { input: { email, password, role: 'PARTNER' } },
    adminToken,
  );
  const login = await call('mutation($input: LoginInput!) { login(input: $input) { token } }', {
    input: { email, password },
  });
  const user = created.data.createUser.user;
  await call(
    'mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }',
    { input: { id: user.id, version: user.version, ...change } },
    adminToken,
  );
  return bearer(t, login.data.login.token);
}

const refused = { status: 401, code: 'UNAUTHENTICATED' } as const;

export const cases: HostileCase[] = [
  {
    name: 'control: a forged token with every claim is accepted (the secret below is the runner’s)',
    send: async (t) => {
      const a = await admin(t);
      return bearer(t, await forge({ sub: a.id, tv: a.token_version, exp: in10min() }));
    },
    status: 200,
    check: (_r, body: any) => {
      if (body.data?.viewer?.email !== 'hostile-admin-all@tests.example')
        throw new Error(JSON.stringify(body));
    },
  },
  {
    name: 'a token without exp (valid forever) is refused',
    send: async (t) => {
      const a = await admin(t);
      return bearer(t, await forge({ sub: a.id, tv: a.token_version }));
    },
    ...refused,
  },
  {
    name: 'a token without a token version is refused',
    send: async (t) => bearer(t, await forge({ sub: (await admin(t)).id, exp: in10min() })),
    ...refused,
  },
  {
    name: 'a token whose token version is a string is refused',
    send: async (t) => bearer(t, await forge({ sub: (await admin(t)).id, tv: '1', exp: in10min() })),
    ...refused,
  },
  {
    name: 'a token whose subject is 36 dashes is refused, not a 500',
    send: async (t) => bearer(t, await forge({ sub: '-'.repeat(36), tv: 1, exp: in10min() })),
    ...refused,
  },
  {
    name: 'a token whose subject is SQL is refused',
    send: async (t) => bearer(t, await forge({ sub: "' or 1=1 --", tv: 1, exp: in10min() })),
    ...refused,
  },
  {
    name: 'a token naming an account that does not exist is refused',
    send: async (t) =>
      bearer(t, await forge({ sub: '00000000-0000-4000-8000-000000000000', tv: 1, exp: in10min() })),
    ...refused,
  },
  {
    name: 'a token signed with another secret is refused',
    send: async (t) => {
      const a = await admin(t);
      return bearer(
        t,
        await forge(
          { sub: a.id, tv: a.token_version, exp: in10min() },
          new TextEncoder().encode('x'.repeat(40)),
        ),
      );
    },
    ...refused,
  },
  {
    name: 'an unsigned token (alg none) is refused',
    send: async (t) => {
      const a = await admin(t);
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return bearer(
        t,
        `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: a.id, tv: a.token_version, iss: ISSUER, exp: in10min() })}.`,
      );
    },
    ...refused,
  },
  {
    name: 'an expired token is refused',
    send: async (t) => {
      const a = await admin(t);
      return bearer(
        t,
        await forge({ sub: a.id, tv: a.token_version, exp: Math.floor(Date.now() / 1000) - 60 }),
      );
    },
    ...refused,
  },
  {
    name: 'a token from before a password change is refused',
    send: (t) => revoked(t, { password: 'another long hostile password' }),
    ...refused,
  },
  {
    name: 'a token of a disabled account is refused',
    send: (t) => revoked(t, { disabled: true }),
    ...refused,
  },
  {
    name: 'a token with an older token version is refused',
    send: async (t) => {
      const a = await admin(t);
      return bearer(t, await forge({ sub: a.id, tv: a.token_version - 1, exp: in10min() }));
    },
    ...refused,
  },
  {
    name: 'an Authorization header of 8 KB of garbage is refused',
    send: (t) => t.graphql(VIEWER, { authorization: `Bearer ${'A'.repeat(8_000)}` }),
    ...refused,
  },
  {
    name: 'Basic credentials instead of a bearer token are refused',
    send: (t) =>
      t.graphql(VIEWER, { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }),
    ...refused,
  },
  {
    name: 'a sign-in with an e-mail of 10,000 characters gets the generic refusal',
    send: (t) =>
      t.graphql({
        query: 'mutation($input: LoginInput!) { login(input: $input) { token userErrors { code } } }',
        variables: { input: { email: `${'a'.repeat(10_000)}@example.org`, password: 'whatever' } },
      }),
    status: 200,
    code: 'INVALID_CREDENTIALS',
  },
  {
    name: 'a partner cannot make itself ADMIN',
    send: async (t) => {
      const token = await t.token('PARTNER');
      const [me] = await t.sql<{ id: string; version: number }>(
        "select id, version from app_user where email = 'hostile-partner-all@tests.example'",
      );
      return t.graphql(
        {
          query: 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }',
          variables: {
            input: {
              id: Buffer.from(`User:${me!.id}`).toString('base64url'),
              version: me!.version,
              role: 'ADMIN',
            },
          },
        },
        { authorization: `Bearer ${token}` },
      );
    },
    status: 200,
    code: 'FORBIDDEN',
    check: async (_r, _b, t) => {
      const [me] = await t.sql<{ role: string }>(
        "select role from app_user where email = 'hostile-partner-all@tests.example'",
      );
      if (me!.role !== 'PARTNER') throw new Error(`the partner became ${me!.role}`);
    },
  },
];
