import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { IdempotencyKeys } from '../src/graphql/write/idempotency.js';
import { Role } from '../src/modules/user/user.entity.js';
import { createApollo, createHttpServer } from '../src/server.js';
import { openTestOrm, testAuth, tokenFor } from './helpers.js';
import { type PgProxy, startPgProxy } from './pg-proxy.js';

/**
 * Idempotent retries of writes (src/graphql/write/idempotency.ts): a signed-in mutation sent with an
 * Idempotency-Key stores its answer in the transaction of its write, and a retry with the key gets
 * that answer without running anything. The API reaches its database through a proxy that can cut
 * the connection at a chosen protocol message: before the COMMIT reaches PostgreSQL, or after
 * PostgreSQL committed and before its answer reaches the API.
 */
let direct: MikroORM;
let proxied: MikroORM;
let proxy: PgProxy;
let server: Server;
let base: string;
let admin: string;
let town: string;
const logged: Record<string, unknown>[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const url = inject('writeDatabaseUrl');
  direct = await openTestOrm(url);
  proxy = await startPgProxy(url);
  proxied = await openTestOrm(proxy.url);
  const apollo = await createApollo({ maxQueryDepth: 12, log: (e) => logged.push(e) });
  server = createHttpServer({ apollo, em: proxied.em, auth: testAuth, log: (e) => logged.push(e) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('close', () => apollo.stop());
  admin = await tokenFor({ orm: direct } as never, 'idempotency-admin', Role.ADMIN);
  const [region] = await sql<{ id: string }>("select id from region where code = 'dashuibo'");
  town = toGlobalId('Region', region!.id);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await proxied?.close();
  await proxy?.close();
  await direct?.close();
});

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await direct.em.getKnex().raw(text, params as never[])).rows;
}

interface Answer {
  status: number;
  replayed: string | null;
  text: string;
  body: any;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed'),
    text,
    body: JSON.parse(text),
  };
}

const CREATE = `mutation Create($input: CreateTalentInput!) {
  createTalent(input: $input) { talent { id displayName fullName town { code } } userErrors { field code } }
}`;
const talentInput = (fullName: string, extra: Record<string, unknown> = {}) => ({
  townId: town,
  displayName: fullName,
  fullName,
  settlement: 'RESIDENT',
  // The same talent twice is the point here, not a duplicate to warn of.
  confirmDuplicate: true,
  ...extra,
});
/** createTalent as the admin, with `key` as Idempotency-Key when given. */
const create = (fullName: string, key?: string, extra: Record<string, unknown> = {}) =>
  post(
    { query: CREATE, variables: { input: talentInput(fullName, extra) }, operationName: 'Create' },
    { authorization: `Bearer ${admin}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
  );
const talents = async (fullName: string) =>
  (await sql<{ n: number }>('select count(*)::int as n from talent where full_name = ?', [fullName]))[0]!.n;
const storedKeys = async (key: string) =>
  (await sql<{ n: number }>('select count(*)::int as n from idempotency_key where key = ?', [key]))[0]!.n;
/** A retry as a client makes it: again while the key is IN_USE (the first attempt's backend may still be winding down). */
async function retry(send: () => Promise<Answer>): Promise<Answer> {
  for (let i = 0; ; i++) {
    const answer = await send();
    if (answer.body.errors?.[0]?.extensions?.reason !== 'IDEMPOTENCY_KEY_IN_USE' || i >= 50) return answer;
    await sleep(100);
  }
}

describe('Idempotency-Key on mutations', () => {
  it('runs a write once: the same request again gets the stored answer, with Idempotent-Replayed', async () => {
    const first = await create('幂等甲', 'key-same-twice');
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    expect(first.body.data.createTalent.talent).toMatchObject({
      fullName: '幂等甲',
      town: { code: 'dashuibo' },
    });
    const second = await create('幂等甲', 'key-same-twice');
    expect(second.status).toBe(200);
    expect(second.replayed).toBe('true');
    expect(second.text).toBe(first.text);
    expect(await talents('幂等甲')).toBe(1);
    expect(await storedKeys('key-same-twice')).toBe(1);
    // Variables in another order and other whitespace are the same request.
    const reordered = await post(
      {
        query: CREATE.replace(/\s+/g, '  '),
        variables: {
          input: {
            confirmDuplicate: true,
            settlement: 'RESIDENT',
            fullName: '幂等甲',
            displayName: '幂等甲',
            townId: town,
          },
        },
        operationName: 'Create',
      },
      { authorization: `Bearer ${admin}`, 'idempotency-key': 'key-same-twice' },
    );
    expect(reordered.replayed).toBe('true');
    expect(reordered.body.data).toEqual(first.body.data);
    expect(await talents('幂等甲')).toBe(1);
    // Without a key the same request writes again (nothing changed for callers who send none).
    expect((await create('幂等甲')).body.data.createTalent.talent.id).not.toBe(
      first.body.data.createTalent.talent.id,
    );
    expect(await talents('幂等甲')).toBe(2);
  });

  it('refuses the same key for a different request, and changes nothing', async () => {
    const first = await create('幂等乙', 'key-reused');
    expect(first.body.errors).toBeUndefined();
    const other = await create('幂等乙二', 'key-reused');
    expect(other.status).toBe(422);
    expect(other.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
      header: 'Idempotency-Key',
    });
    expect(other.body.data).toBeUndefined();
    expect(await talents('幂等乙二')).toBe(0);
    expect(await talents('幂等乙')).toBe(1);
    // Keys belong to an account: another account's same key is its own.
    const official = await tokenFor(
      { orm: direct } as never,
      'idempotency-official',
      Role.OFFICIAL,
      'dashuibo',
    );
    const theirs = await post(
      { query: CREATE, variables: { input: talentInput('幂等乙三') } },
      { authorization: `Bearer ${official}`, 'idempotency-key': 'key-reused' },
    );
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.replayed).toBeNull();
    expect(await talents('幂等乙三')).toBe(1);
  });

  it('answers IDEMPOTENCY_KEY_IN_USE while the first request with the key runs; one write in all', async () => {
    // The talent table locked: the first request takes the key, then waits at its insert.
    const locker = new pg.Client({ connectionString: inject('writeDatabaseUrl') });
    await locker.connect();
    await locker.query('begin; lock table talent in share mode');
    try {
      const pending = create('幂等丙', 'key-concurrent');
      for (let i = 0; i < 100; i++) {
        const { rows } = await locker.query(
          `select 1 from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        if (rows.length) break;
        await sleep(50);
      }
      const concurrent = await Promise.all([
        create('幂等丙', 'key-concurrent'),
        create('幂等丙', 'key-concurrent'),
      ]);
      for (const answer of concurrent) {
        expect(answer.status).toBe(409);
        expect(answer.body.errors[0].extensions).toEqual({
          code: 'CONFLICT',
          reason: 'IDEMPOTENCY_KEY_IN_USE',
          retryable: true,
        });
      }
      await locker.query('rollback');
      const first = await pending;
      expect(first.body.errors).toBeUndefined();
      const after = await create('幂等丙', 'key-concurrent');
      expect(after.replayed).toBe('true');
      expect(after.text).toBe(first.text);
    } finally {
      await locker.end();
    }
    expect(await talents('幂等丙')).toBe(1);
    // Many at once, nothing locked: one writes, the others are refused or replayed.
    const burst = await Promise.all(Array.from({ length: 8 }, () => create('幂等丙二', 'key-burst')));
    const written = burst.filter((a) => a.status === 200 && !a.replayed);
    expect(written).toHaveLength(1);
    for (const a of burst) {
      if (a === written[0]) continue;
      if (a.replayed) expect(a.text).toBe(written[0]!.text);
      else expect(a.body.errors[0].extensions.reason).toBe('IDEMPOTENCY_KEY_IN_USE');
    }
    expect(await talents('幂等丙二')).toBe(1);
  });

  it('stores nothing for a write refused with user errors: the key runs again', async () => {
    const refused = await create('幂等丁', 'key-user-error', { arrivedOn: '2999-01-01' });
    expect(refused.body.data.createTalent.userErrors).toEqual([
      { field: ['input', 'arrivedOn'], code: 'INVALID' },
    ]);
    expect(await storedKeys('key-user-error')).toBe(0);
    const again = await create('幂等丁', 'key-user-error', { arrivedOn: '2999-01-01' });
    expect(again.replayed).toBeNull();
    expect(again.body.data.createTalent.userErrors).toHaveLength(1);
    // Corrected, with the same key: nothing was stored for it, so this is its first write.
    const corrected = await create('幂等丁', 'key-user-error');
    expect(corrected.body.errors).toBeUndefined();
    expect(corrected.body.data.createTalent.talent.fullName).toBe('幂等丁');
    expect(await talents('幂等丁')).toBe(1);
    // Refused by an error (an account that may not write): nothing stored either.
    const partner = await tokenFor({ orm: direct } as never, 'idempotency-partner', Role.PARTNER);
    const forbidden = await post(
      { query: CREATE, variables: { input: talentInput('幂等丁二') } },
      { authorization: `Bearer ${partner}`, 'idempotency-key': 'key-forbidden' },
    );
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await storedKeys('key-forbidden')).toBe(0);
  });

  it('stores nothing when the connection is cut in the middle of the write; the retry writes once', async () => {
    const cut = proxy.arm({ from: 'client', text: /insert into "talent"/i });
    const first = await create('幂等戊', 'key-cut-mid-write');
    await cut;
    expect(first.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(await talents('幂等戊')).toBe(0);
    expect(await storedKeys('key-cut-mid-write')).toBe(0);
    const retried = await retry(() => create('幂等戊', 'key-cut-mid-write'));
    expect(retried.body.errors).toBeUndefined();
    expect(retried.replayed).toBeNull();
    expect(await talents('幂等戊')).toBe(1);
    expect(await storedKeys('key-cut-mid-write')).toBe(1);
  });

  describe('a connection lost during COMMIT (outcome UNKNOWN)', () => {
    it('committed, the answer lost: retryable with the key, and the retry replays the stored answer', async () => {
      const cut = proxy.arm({ from: 'server', text: /^COMMIT\0/ });
      const first = await create('幂等己', 'key-commit-answer-lost');
      await cut;
      expect(first.body.data).toBeUndefined();
      expect(first.body.errors[0].extensions).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
        outcome: 'UNKNOWN',
      });
      expect(first.body.errors[0].message).toMatch(/same Idempotency-Key/);
      // PostgreSQL did commit: the write and its stored answer, together.
      expect(await talents('幂等己')).toBe(1);
      expect(await storedKeys('key-commit-answer-lost')).toBe(1);
      const retried = await retry(() => create('幂等己', 'key-commit-answer-lost'));
      expect(retried.status).toBe(200);
      expect(retried.replayed).toBe('true');
      const [row] = await sql("select id from talent where full_name = '幂等己'");
      expect(retried.body.data.createTalent.talent.id).toBe(toGlobalId('Talent', row.id));
      expect(await talents('幂等己')).toBe(1);
    });

    it('not committed (the COMMIT never arrived): retryable with the key, and the retry writes once', async () => {
      const cut = proxy.arm({ from: 'client', text: /^COMMIT/i });
      const first = await create('幂等庚', 'key-commit-lost');
      await cut;
      expect(first.body.errors[0].extensions).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
        outcome: 'UNKNOWN',
      });
      expect(await talents('幂等庚')).toBe(0);
      const retried = await retry(() => create('幂等庚', 'key-commit-lost'));
      expect(retried.body.errors).toBeUndefined();
      expect(retried.replayed).toBeNull();
      expect(await talents('幂等庚')).toBe(1);
      const again = await create('幂等庚', 'key-commit-lost');
      expect(again.replayed).toBe('true');
      expect(await talents('幂等庚')).toBe(1);
    });

    it('without a key the caller is told not to retry blindly (retryable false)', async () => {
      const cut = proxy.arm({ from: 'server', text: /^COMMIT\0/ });
      const first = await create('幂等辛');
      await cut;
      expect(first.body.errors[0].extensions).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        retryable: false,
        outcome: 'UNKNOWN',
      });
      expect(await talents('幂等辛')).toBe(1);
    });
  });

  it('covers an import: its rows and savepoints nest in the keyed transaction; a rejected file stores nothing', async () => {
    const IMPORT = `mutation($input: ImportSpreadsheetInput!) {
      importSpreadsheet(input: $input) { rows created updated unchanged rowErrors { row message } userErrors { code } }
    }`;
    const send = (csv: string, key: string) =>
      post(
        {
          query: IMPORT,
          variables: {
            input: {
              kind: 'HOUSES',
              format: 'CSV',
              regionCode: 'dashuibo',
              contentBase64: Buffer.from(csv).toString('base64'),
            },
          },
        },
        { authorization: `Bearer ${admin}`, 'idempotency-key': key },
      );
    const houses = async () =>
      (
        await sql<{ n: number }>("select count(*)::int as n from rural_house where address like '幂等路%'")
      )[0]!.n;
    const bad = await send('村,地址,建筑面积,状态\n东山村,幂等路1号,0,闲置', 'key-import-bad');
    expect(bad.body.data.importSpreadsheet.rowErrors).toHaveLength(1);
    expect(await storedKeys('key-import-bad')).toBe(0);
    const good = '村,地址,建筑面积,状态\n东山村,幂等路1号,80,闲置\n东山村,幂等路2号,90,闲置';
    // Committed, the answer lost: the import and its answer were committed together.
    const cut = proxy.arm({ from: 'server', text: /^COMMIT\0/ });
    const lost = await send(good, 'key-import');
    await cut;
    expect(lost.body.errors[0].extensions).toMatchObject({ retryable: true, outcome: 'UNKNOWN' });
    expect(await houses()).toBe(2);
    // Replayed, the answer is the first one's (created 2), not a second import's (unchanged 2).
    const again = await retry(() => send(good, 'key-import'));
    expect(again.replayed).toBe('true');
    expect(again.body.data.importSpreadsheet).toMatchObject({
      rows: 2,
      created: 2,
      unchanged: 0,
      rowErrors: [],
    });
    expect(await houses()).toBe(2);
  });

  it('reads an account back in the keyed transaction (createUser), before it is committed', async () => {
    const answer = await post(
      {
        query: `mutation { createUser(input: { email: "keyed@tests.example", password: "a long test password", role: PARTNER }) {
          user { email role } userErrors { code } } }`,
      },
      { authorization: `Bearer ${admin}`, 'idempotency-key': 'key-create-user' },
    );
    expect(answer.body.data.createUser).toEqual({
      user: { email: 'keyed@tests.example', role: 'PARTNER' },
      userErrors: [],
    });
    expect(await storedKeys('key-create-user')).toBe(1);
  });

  it('refuses a key on an anonymous mutation, and on several root fields; ignores it on queries', async () => {
    const anonymous = await post(
      { query: CREATE, variables: { input: talentInput('幂等壬') } },
      { 'idempotency-key': 'key-anonymous' },
    );
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(anonymous.body.errors[0].message).toMatch(/signed-in/);
    const login = await post(
      { query: 'mutation { login(input: { email: "x@y.example", password: "z" }) { token } }' },
      { authorization: `Bearer ${admin}`, 'idempotency-key': 'key-login' },
    );
    expect(login.status).toBe(400);
    expect(login.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const two = await post(
      {
        query: `mutation($a: CreateTalentInput!, $b: CreateTalentInput!) {
          a: createTalent(input: $a) { talent { id } }
          ...more
        }
        fragment more on Mutation { b: createTalent(input: $b) { talent { id } } }`,
        variables: { a: talentInput('幂等壬'), b: talentInput('幂等壬') },
      },
      { authorization: `Bearer ${admin}`, 'idempotency-key': 'key-two-fields' },
    );
    expect(two.status).toBe(400);
    expect(two.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(two.body.errors[0].message).toMatch(/2 root mutation fields/);
    expect(await talents('幂等壬')).toBe(0);
    for (const headers of [{}, { authorization: `Bearer ${admin}` }] as Record<string, string>[]) {
      const query = await post(
        { query: '{ region(code: "dashuibo") { code } }' },
        { ...headers, 'idempotency-key': 'key-query' },
      );
      expect(query.status).toBe(200);
      expect(query.body.data.region.code).toBe('dashuibo');
      expect(query.replayed).toBeNull();
    }
    expect(await storedKeys('key-query')).toBe(0);
    // __typename is not a write: the key is ignored.
    const typename = await post(
      { query: 'mutation { __typename }' },
      { authorization: `Bearer ${admin}`, 'idempotency-key': 'key-typename' },
    );
    expect(typename.body.data).toEqual({ __typename: 'Mutation' });
    expect(await storedKeys('key-typename')).toBe(0);
  });

  it('forgets keys after IDEMPOTENCY_TTL_HOURS, and deletes expired rows in small batches', async () => {
    const first = await create('幂等癸', 'key-expiring');
    expect(first.body.errors).toBeUndefined();
    await sql(
      "update idempotency_key set created_at = now() - interval '25 hours' where key = 'key-expiring'",
    );
    const after = await create('幂等癸', 'key-expiring');
    expect(after.replayed).toBeNull();
    expect(after.body.data.createTalent.talent.id).not.toBe(first.body.data.createTalent.talent.id);
    expect(await talents('幂等癸')).toBe(2);
    expect(await storedKeys('key-expiring')).toBe(1);
    // Expired rows of a key never used again: deleted by the sweep, 500 at a time.
    await sql(
      `insert into idempotency_key (user_id, key, fingerprint, response, created_at)
       select u.id, 'expired-' || i, sha256('x'::bytea), '{}', now() - interval '30 hours'
       from app_user u, generate_series(1, 700) i where u.email = 'idempotency-admin@tests.example'`,
    );
    const keys = new IdempotencyKeys(24);
    const count = async () =>
      (
        await sql<{ n: number }>("select count(*)::int as n from idempotency_key where key like 'expired-%'")
      )[0]!.n;
    keys.sweep(direct.em.getKnex());
    for (let i = 0; i < 50 && (await count()) > 200; i++) await sleep(50);
    expect(await count()).toBe(200);
    keys.sweep(direct.em.getKnex()); // a full batch: the next sweep is due at once
    for (let i = 0; i < 50 && (await count()) > 0; i++) await sleep(50);
    expect(await count()).toBe(0);
    keys.sweep(direct.em.getKnex()); // not due again for a minute: nothing to see, nothing sent
    expect(await storedKeys('key-expiring')).toBe(1);
  });
});
