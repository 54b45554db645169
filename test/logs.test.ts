import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openOrm } from '../src/db/orm.js';
import { redact, redactEntry } from '../src/logger.js';
import { issueToken, loadSecret } from '../src/modules/user/auth.js';
import { AppUser, Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';

/**
 * The server log carries ids, never private values: requests that carry names, phones, e-mails,
 * passwords and tokens — some of them failing inside the database, whose error messages repeat the
 * statement with its values — leave none of them in the entries the API logs.
 */
const PRIVATE = {
  fullName: '日志隐私全名',
  phone: '13987654321',
  email: 'log.private.person@example.org',
  password: 'log secret password 2024',
  accountEmail: 'log-account@tests.example',
};
/** The display name that makes the test's trigger fail an insert (see beforeAll). */
const MARKER = 'log-test-refused';

let app: App;
let token: string;
const logged: Record<string, unknown>[] = [];

const graphql = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const config = loadConfig({
    DATABASE_URL: inject('writeDatabaseUrl'),
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: 'log-test-secret-log-test-secret-log-test',
    LOGIN_FAILURE_DELAY_MS: '10',
  });
  app = await startApp(config, (entry) => logged.push(entry));
  const em = app.database.orm.em.fork();
  const user =
    (await em.findOne(AppUser, { email: PRIVATE.accountEmail })) ??
    (await userService.create(em, {
      email: PRIVATE.accountEmail,
      password: PRIVATE.password,
      role: Role.ADMIN,
    }));
  const secret = await loadSecret(config.jwtSecret, config.dataDir);
  token = (await issueToken({ secret, tokenTtlSeconds: 600, failureDelayMs: 10 }, user.id, user.tokenVersion))
    .token;
  // A database failure whose message holds the statement's values, as any unforeseen one may:
  // inserts of the marked talent fail inside PostgreSQL (only those: the database is shared).
  await app.database.orm.em.getConnection().execute(`
    create or replace function log_test_refuse() returns trigger language plpgsql as $$
    begin
      if new.display_name = '${MARKER}' then raise exception 'refused for the log test'; end if;
      return new;
    end $$;
    drop trigger if exists log_test_refuse on talent;
    create trigger log_test_refuse before insert on talent for each row execute function log_test_refuse();`);
});

afterAll(async () => {
  await app?.database.orm.em
    .getConnection()
    .execute('drop trigger if exists log_test_refuse on talent; drop function if exists log_test_refuse();')
    .catch(() => {});
  await app?.stop();
});

describe('the server log', () => {
  it('holds no private value of requests that carry them, failing ones included', async () => {
    const [{ id: town }] = await app.database.orm.em
      .getConnection()
      .execute("select id from region where code = 'dashuibo'");
    const townId = Buffer.from(`Region:${town}`).toString('base64url');
    const talent = (displayName: string, extra: Record<string, unknown> = {}) => ({
      query:
        'mutation($input: CreateTalentInput!) { createTalent(input: $input) { talent { id } userErrors { code } } }',
      variables: {
        input: {
          townId,
          displayName,
          fullName: PRIVATE.fullName,
          phone: PRIVATE.phone,
          email: PRIVATE.email,
          settlement: 'RESIDENT',
          // The requests share a full name on purpose: not a duplicate to warn of here.
          confirmDuplicate: true,
          ...extra,
        },
      },
    });
    const auth = { authorization: `Bearer ${token}` };
    const responses = [
      // Sign-in, right and wrong.
      await graphql({
        query: 'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }',
        variables: { e: PRIVATE.accountEmail, p: PRIVATE.password },
      }),
      await graphql({
        query: 'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }',
        variables: { e: PRIVATE.email, p: PRIVATE.password },
      }),
      // A token that is not one, and one that is.
      await graphql({ query: '{ viewer { email } }' }, { authorization: `Bearer ${PRIVATE.password}` }),
      await graphql({ query: '{ viewer { email } }' }, auth),
      // Writes with private values: accepted, refused by a rule, failing inside the database.
      await graphql(talent('log-test-accepted'), auth),
      await graphql(talent('log-test-bad-date', { arrivedOn: '2999-01-01' }), auth),
      await graphql(talent(MARKER), auth),
      // Private values written into the query text itself, failing the same way.
      await graphql(
        {
          query: `mutation { createTalent(input: { townId: "${townId}", displayName: "${MARKER}", fullName: "${PRIVATE.fullName}", phone: "${PRIVATE.phone}", email: "${PRIVATE.email}", settlement: RESIDENT, confirmDuplicate: true }) { talent { id } } }`,
        },
        auth,
      ),
    ];
    const bodies = await Promise.all(responses.map((r) => r.text()));
    // The database failures happened and were logged (masked for the caller).
    expect(bodies.filter((b) => b.includes('INTERNAL_SERVER_ERROR'))).toHaveLength(2);
    expect(logged.filter((e) => e.level === 'error').length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(logged);
    for (const [what, value] of Object.entries({ ...PRIVATE, token })) {
      expect({ what, found: text.includes(value) }).toEqual({ what, found: false });
    }
    // The entries still tell what failed: the error and where.
    expect(text).toMatch(/refused for the log test/);
  });

  it('redacts what a database error repeats: the statement’s values and the offending key', async () => {
    const orm = await openOrm(inject('writeDatabaseUrl'));
    try {
      const em = orm.em.fork();
      em.create(AppUser, {
        email: PRIVATE.accountEmail,
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
        role: Role.PARTNER,
        displayName: PRIVATE.fullName,
      });
      const error = await em.flush().then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toContain(PRIVATE.accountEmail);
      const entry = redactEntry({
        level: 'error',
        message: error!.message,
        stack: error!.stack,
        detail: (error as any).detail,
      });
      const text = JSON.stringify(entry);
      expect(text).not.toContain(PRIVATE.accountEmail);
      expect(text).not.toContain(PRIVATE.fullName);
      expect(text).toContain('app_user');
    } finally {
      await orm.close();
    }
  });

  it('redacts e-mail addresses but keeps file paths and package names of stack traces', () => {
    for (const email of [
      'someone@example.org',
      'a.b+tag@mail.example.co.uk',
      'first_last-1@sub-domain.example.museum',
      '用户@例子.中国',
    ]) {
      for (const text of [email, `user ${email} not found`, `<${email}>`, `mailto:${email}.`]) {
        expect(redact(text), text).not.toContain(email);
        expect(redact(text), text).toContain('<e-mail>');
      }
    }
    for (const kept of [
      '    at EntityManager.flush (/work/main/node_modules/@mikro-orm/core/EntityManager.js:1325:5)',
      'file:///srv/app/node_modules/@apollo/server/dist/esm/requestPipeline.js:101:20',
      '/srv/app/node_modules/.pnpm/@mikro-orm+core@6.4.5/node_modules/@mikro-orm/core/index.js',
      'C:\\app\\node_modules\\@mikro-orm\\knex\\dist\\index.js',
      'graphql@16.15.0 and @apollo/server@5.5.1, @types/node@20.x',
    ]) {
      expect(redact(kept)).toBe(kept);
    }
  });

  it('redacts a long run of text in linear time (no pattern restarts at every character)', () => {
    for (const text of ['a'.repeat(100_000), `a@${'b-'.repeat(50_000)}`, 'eyJ'.repeat(30_000)]) {
      const started = performance.now();
      redact(text);
      expect(performance.now() - started, text.slice(0, 10)).toBeLessThan(100);
    }
  });
});
