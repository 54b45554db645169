import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';
import { ok, testAuth, useApi } from './helpers.js';

const api = useApi();
const PASSWORD = 'correct horse battery staple';
const tokens: Record<string, string> = {};
const LOGIN = `mutation($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) { token expiresAt user { email role region { code } } userErrors { field code message } }
}`;

const accounts = [
  ['admin', Role.ADMIN, undefined],
  ['dashuibo', Role.OFFICIAL, 'dashuibo'],
  ['wendeng', Role.OFFICIAL, 'wendeng'],
  ['lidao', Role.OFFICIAL, 'lidao'],
  ['partner', Role.PARTNER, undefined],
] as const;

beforeAll(async () => {
  for (const [name, role, region] of accounts) {
    await userService.create(api.orm.em.fork(), {
      email: `${name}@auth.test`,
      password: PASSWORD,
      role,
      regionCode: region,
    });
    const result = ok(await api.run(LOGIN, { email: `${name.toUpperCase()}@Auth.test`, password: PASSWORD }));
    tokens[name] = result.login.token;
  }
});

describe('sign-in', () => {
  it('returns a signed, expiring token that identifies the account', async () => {
    const data = ok(await api.run(LOGIN, { email: 'dashuibo@auth.test', password: PASSWORD }));
    expect(data.login.userErrors).toEqual([]);
    expect(data.login.user).toEqual({
      email: 'dashuibo@auth.test',
      role: 'OFFICIAL',
      region: { code: 'dashuibo' },
    });
    const ttl = new Date(data.login.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(testAuth.tokenTtlSeconds * 1000);
    const viewer = ok(await api.run('{ viewer { email role } }', {}, { token: data.login.token }));
    expect(viewer.viewer).toEqual({ email: 'dashuibo@auth.test', role: 'OFFICIAL' });
    expect(ok(await api.run('{ viewer { email } }')).viewer).toBeNull();
  });

  it('answers a wrong password and an unknown e-mail alike, and slowly', async () => {
    const timed = async (email: string) => {
      const started = Date.now();
      const data = ok(await api.run(LOGIN, { email, password: 'not the password' }));
      return { login: data.login, ms: Date.now() - started };
    };
    const wrong = await timed('admin@auth.test');
    const unknown = await timed('nobody@auth.test');
    expect(wrong.login).toEqual(unknown.login);
    expect(wrong.login.token).toBeNull();
    expect(wrong.login.userErrors).toEqual([
      { field: ['input', 'password'], code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password.' },
    ]);
    expect(wrong.ms).toBeGreaterThanOrEqual(testAuth.failureDelayMs - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(testAuth.failureDelayMs - 5);
  });

  it('refuses a forged or tampered token with UNAUTHENTICATED', async () => {
    const forged = `${tokens.admin!.slice(0, -4)}AAAA`;
    await expect(api.run('{ viewer { email } }', {}, { token: forged })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('private fields and hidden talents by role and region', () => {
  const QUERY = `{
    talents(first: 100) { totalCount nodes { fullName contact { phone email } } }
    ruralHouses(first: 100) { nodes { ownerHousehold } }
  }`;

  it.each(['admin', 'dashuibo', 'wendeng'])(
    '%s sees every Dashuibo talent and its private fields',
    async (who) => {
      const [{ all }] = await api.sql('select count(*)::int as all from talent');
      const data = ok(await api.run(QUERY, {}, { token: tokens[who] }));
      expect(data.talents.totalCount).toBe(all);
      expect(data.talents.nodes.every((t: any) => typeof t.fullName === 'string')).toBe(true);
      expect(data.ruralHouses.nodes.every((h: any) => typeof h.ownerHousehold === 'string')).toBe(true);
    },
  );

  it('an official of another region (Lidao) gets the public view of Dashuibo, and node(id) of a hidden talent is null', async () => {
    const [{ pub }] = await api.sql('select count(*)::int as pub from talent where public_profile');
    const data = ok(await api.run(QUERY, {}, { token: tokens.lidao }));
    expect(data.talents.totalCount).toBe(pub);
    expect(data.talents.nodes.every((t: any) => t.fullName === null && t.contact === null)).toBe(true);
    expect(data.ruralHouses.nodes.every((h: any) => h.ownerHousehold === null)).toBe(true);
    const [hidden] = await api.sql('select id from talent where not public_profile limit 1');
    const id = toGlobalId('Talent', hidden.id);
    expect(
      ok(await api.run('query($id: ID!) { node(id: $id) { id } }', { id }, { token: tokens.lidao })).node,
    ).toBeNull();
    expect(
      ok(await api.run('query($id: ID!) { node(id: $id) { id } }', { id }, { token: tokens.dashuibo })).node,
    ).toEqual({ id });
  });

  it('a partner sees contact details only of talents who consented to be contacted, never full names', async () => {
    const data = ok(
      await api.run(
        '{ talents(first: 100) { nodes { displayName fullName contact { phone } } } }',
        {},
        { token: tokens.partner },
      ),
    );
    const consented = new Set(
      (
        await api.sql(
          'select display_name from talent where public_profile and contact_consent and phone is not null',
        )
      ).map((r) => r.display_name),
    );
    expect(consented.size).toBeGreaterThan(0);
    for (const t of data.talents.nodes) {
      expect(t.fullName).toBeNull();
      if (t.contact) expect(consented.has(t.displayName)).toBe(true);
    }
    expect(data.talents.nodes.filter((t: any) => t.contact).length).toBeGreaterThan(0);
  });
});

describe('npm run user:create', () => {
  it('creates an account from USER_PASSWORD without printing the password', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const secret = 'a very secret script password';
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/create-user.ts',
        '--email',
        'Script@Auth.test',
        '--role',
        'OFFICIAL',
        '--region',
        'dashuibo',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), USER_PASSWORD: secret },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/created OFFICIAL script@auth\.test for dashuibo/);
    expect(run.stdout + run.stderr).not.toContain(secret);
    const again = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/create-user.ts',
        '--email',
        'script@auth.test',
        '--role',
        'OFFICIAL',
        '--region',
        'dashuibo',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), USER_PASSWORD: secret },
        encoding: 'utf8',
      },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  });

  it('refuses a wrong setting with one line, no stack trace, before opening the database', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/create-user.ts', '--email', 'x@auth.test', '--role', 'ADMIN'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: 'abc', USER_PASSWORD: 'x' },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^could not create the account: PORT must be an integer/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lets the new account sign in', async () => {
    const data = ok(
      await api.run(LOGIN, { email: 'script@auth.test', password: 'a very secret script password' }),
    );
    expect(data.login.user.role).toBe('OFFICIAL');
  });
});

describe('account management', () => {
  it('lets admins disable an account, whose tokens stop working at once', async () => {
    const email = 'to-disable@auth.test';
    const created = ok(
      await api.run(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id version role } userErrors { message } } }',
        { input: { email, password: PASSWORD, role: 'OFFICIAL', regionCode: 'dashuibo' } },
        { token: tokens.admin },
      ),
    ).createUser.user;
    const login = ok(await api.run(LOGIN, { email, password: PASSWORD })).login;
    expect(ok(await api.run('{ viewer { email } }', {}, { token: login.token })).viewer.email).toBe(email);
    const updated = ok(
      await api.run(
        'mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { disabled version } userErrors { code } } }',
        { input: { id: created.id, version: created.version, disabled: true } },
        { token: tokens.admin },
      ),
    ).updateUser;
    expect(updated.user.disabled).toBe(true);
    await expect(api.run('{ viewer { email } }', {}, { token: login.token })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(ok(await api.run(LOGIN, { email, password: PASSWORD })).login.token).toBeNull();
    const refused = await api.run(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
      { input: { email: 'x@auth.test', password: PASSWORD, role: 'ADMIN' } },
      { token: tokens.dashuibo },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

/** A token signed with the tests' secret and issuer, with the claims given (and nothing else). */
const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('revitalization-graph')
    .sign(testAuth.secret);

const VIEWER = '{ viewer { email } }';
const UPDATE_USER =
  'mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id role version disabled } userErrors { field code } } }';

describe('tokens', () => {
  const refused = (token: string) =>
    expect(api.run(VIEWER, {}, { token })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

  it('refuses a token without an expiry, without a token version, or naming no account by UUID', async () => {
    const [admin] = await api.sql("select id, token_version from app_user where email = 'admin@auth.test'");
    const exp = Math.floor(Date.now() / 1000) + 600;
    // The same claims with an expiry are accepted: what is refused is the missing one.
    const good = await signed({ sub: admin.id, tv: admin.token_version, exp });
    expect(ok(await api.run(VIEWER, {}, { token: good })).viewer.email).toBe('admin@auth.test');
    await refused(await signed({ sub: admin.id, tv: admin.token_version }));
    await refused(await signed({ sub: admin.id, exp }));
    await refused(await signed({ sub: '-'.repeat(36), tv: 1, exp }));
    await refused(await signed({ sub: 'g'.repeat(8) + admin.id.slice(8), tv: 1, exp }));
    await refused(await signed({ sub: admin.id, tv: '1', exp }));
  });

  it('revokes the tokens of an account whose password changes or which is disabled; a new sign-in works', async () => {
    const email = 'revoked@auth.test';
    await userService.create(api.orm.em.fork(), { email, password: PASSWORD, role: Role.PARTNER });
    const first = ok(await api.run(LOGIN, { email, password: PASSWORD })).login.token;
    const [row] = await api.sql('select id, version from app_user where email = ?', [email]);
    const id = toGlobalId('User', row.id);
    const changed = ok(
      await api.run(
        UPDATE_USER,
        { input: { id, version: row.version, password: 'a brand new long password' } },
        { token: tokens.admin },
      ),
    ).updateUser;
    expect(changed.userErrors).toEqual([]);
    await refused(first);
    const second = ok(await api.run(LOGIN, { email, password: 'a brand new long password' })).login.token;
    expect(ok(await api.run(VIEWER, {}, { token: second })).viewer.email).toBe(email);
    // Disabling revokes; enabling again does not bring the old token back.
    const disabled = ok(
      await api.run(
        UPDATE_USER,
        { input: { id, version: changed.user.version, disabled: true } },
        { token: tokens.admin },
      ),
    ).updateUser;
    ok(
      await api.run(
        UPDATE_USER,
        { input: { id, version: disabled.user.version, disabled: false } },
        { token: tokens.admin },
      ),
    );
    await refused(second);
    const [audit] = await api.sql(
      "select changes from audit_log where operation = 'updateUser' and object_id = ? order by at limit 1",
      [row.id],
    );
    expect(audit.changes.passwordHash).toEqual({ before: '(hidden)', after: '(changed)' });
    expect(JSON.stringify(audit.changes)).not.toMatch(/argon2/);
  });
});

describe('a refused account change writes nothing', () => {
  it('updateUser of a partner with role ADMIN and a short password: user error, still PARTNER at version 1, no audit row', async () => {
    const email = 'refused-partner@auth.test';
    await userService.create(api.orm.em.fork(), { email, password: PASSWORD, role: Role.PARTNER });
    const [before] = await api.sql('select * from app_user where email = ?', [email]);
    const audits = async () =>
      (await api.sql('select count(*)::int as n from audit_log where object_id = ?', [before.id]))[0].n;
    const data = ok(
      await api.run(
        UPDATE_USER,
        { input: { id: toGlobalId('User', before.id), version: 1, role: 'ADMIN', password: 'short' } },
        { token: tokens.admin },
      ),
    ).updateUser;
    expect(data).toEqual({ user: null, userErrors: [{ field: ['input', 'password'], code: 'INVALID' }] });
    const [after] = await api.sql('select * from app_user where email = ?', [email]);
    expect(after).toEqual(before);
    expect(after.role).toBe('PARTNER');
    expect(await audits()).toBe(0);
    // The same change with a good password is accepted, and audited.
    const accepted = ok(
      await api.run(
        UPDATE_USER,
        {
          input: {
            id: toGlobalId('User', before.id),
            version: 1,
            role: 'ADMIN',
            password: 'a long enough password',
          },
        },
        { token: tokens.admin },
      ),
    ).updateUser;
    expect(accepted.user).toMatchObject({ role: 'ADMIN', version: 2 });
    expect(await audits()).toBe(1);
  });
});
