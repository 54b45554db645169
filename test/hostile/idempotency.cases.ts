import { request } from 'node:http';
import { connect } from 'node:net';
import { expect } from 'vitest';
import type { HostileCase, HostileTarget } from './corpus.js';

/**
 * The Idempotency-Key header: malformed keys are refused before anything runs (400 BAD_REQUEST), a
 * key where it has no meaning is refused or ignored, and many distinct keys cost the caller's writes,
 * nothing more (only written answers are stored).
 */
const REFUSED_TALENT = `mutation($input: CreateTalentInput!) {
  createTalent(input: $input) { talent { id } userErrors { code } }
}`;
const REFUSED_INPUT = {
  townId: Buffer.from('Region:00000000-0000-0000-0000-000000000000').toString('base64url'),
  displayName: '敌意',
  fullName: '敌意',
  settlement: 'RESIDENT',
  arrivedOn: '2999-01-01',
};
/** A createTalent refused with a user error (no such town): it writes and stores nothing. */
const refusedTalent = (t: HostileTarget, token: string | null, key: string) =>
  t.graphql(
    { query: REFUSED_TALENT, variables: { input: REFUSED_INPUT } },
    { ...(token ? { authorization: `Bearer ${token}` } : {}), 'idempotency-key': key },
  );
const keysOf = async (t: HostileTarget) =>
  (
    await t.sql<{ n: number }>(
      "select count(*)::int as n from idempotency_key k join app_user u on u.id = k.user_id where u.email like 'hostile-%'",
    )
  )[0]!.n;

/** A POST whose header block is written by hand: bytes that fetch and node:http refuse to send. */
function rawPost(t: HostileTarget, headerLines: string[]): Promise<Response> {
  const body = JSON.stringify({ query: '{ __typename }' });
  const { hostname, port } = new URL(t.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve(new Response(text.slice(text.indexOf('\r\n\r\n') + 4), { status }));
    });
    socket.end(
      `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headerLines.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`,
      'latin1',
    );
  });
}

/** Two Idempotency-Key header lines (fetch would join them into one). */
function twoKeys(t: HostileTarget, token: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': ['key-one', 'key-two'],
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode })));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: REFUSED_TALENT, variables: { input: REFUSED_INPUT } }));
  });
}

const refusedKey = (name: string, key: string): HostileCase => ({
  name: `an Idempotency-Key ${name}`,
  send: async (t) => refusedTalent(t, await t.token('ADMIN'), key),
  status: 400,
  code: 'BAD_REQUEST',
  check: (_r, body) =>
    expect(JSON.stringify(body)).toMatch(/Idempotency-Key must be 1 to 255 printable ASCII/),
});

export const cases: HostileCase[] = [
  refusedKey('of 256 characters', 'k'.repeat(256)),
  {
    name: 'an Idempotency-Key of 100,000 characters (past what Node reads of headers)',
    send: async (t) => refusedTalent(t, await t.token('ADMIN'), 'k'.repeat(100_000)),
    status: [400, 431],
  },
  refusedKey('that is empty', ''),
  refusedKey('of spaces only (trimmed to nothing)', '    '),
  refusedKey('with a tab inside', 'key\twith-tab'),
  refusedKey('with a non-ASCII character', 'clé'),
  {
    name: 'an Idempotency-Key with a control character (Node refuses the header itself)',
    send: (t) => rawPost(t, ['Idempotency-Key: key\x01ctl']),
    status: 400,
  },
  {
    name: 'an Idempotency-Key with DEL',
    send: (t) => rawPost(t, ['Idempotency-Key: key\x7fdel']),
    status: 400,
  },
  {
    name: 'two Idempotency-Key headers',
    send: async (t) => twoKeys(t, await t.token('ADMIN')),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an Idempotency-Key of 255 characters, quotes and SQL: only a key',
    send: async (t) =>
      refusedTalent(t, await t.token('ADMIN'), `'; drop table idempotency_key; --${'k'.repeat(222)}`),
    status: 200,
    code: 'NOT_FOUND',
  },
  {
    name: 'an Idempotency-Key on an anonymous mutation',
    send: (t) => refusedTalent(t, null, 'anonymous-key'),
    status: 400,
    code: 'BAD_REQUEST',
    check: (_r, body) => expect(JSON.stringify(body)).toMatch(/signed-in caller/),
  },
  {
    name: 'an Idempotency-Key on an anonymous query: ignored',
    send: (t) => t.graphql({ query: '{ __typename }' }, { 'idempotency-key': 'query-key' }),
    status: 200,
    check: (r) => expect(r.headers.get('idempotent-replayed')).toBeNull(),
  },
  {
    name: '300 distinct Idempotency-Keys on writes refused with user errors: nothing stored',
    send: async (t) => {
      const token = await t.token('ADMIN');
      const before = await keysOf(t);
      for (let batch = 0; batch < 15; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            refusedTalent(t, token, `distinct-${batch}-${i}-${Date.now()}`),
          ),
        );
        for (const a of answers) {
          expect(a.status).toBe(200);
          await a.arrayBuffer();
        }
      }
      expect(await keysOf(t)).toBe(before);
      return refusedTalent(t, token, `distinct-last-${Date.now()}`);
    },
    status: 200,
    code: 'NOT_FOUND',
    maxMs: 20_000,
  },
];
