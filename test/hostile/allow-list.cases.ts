import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OperationsManifest } from '../../src/graphql/allow-list.js';
import type { HostileCase } from './corpus.js';

/**
 * Anonymous callers of the API started with ALLOW_LIST=1: only the operations registered in
 * operations/manifest.json run, sent as text or by their manifest id alone; anything else, or an id in
 * a shape it never has, gets a coded refusal and runs nothing.
 */
const manifest: OperationsManifest = JSON.parse(
  readFileSync(new URL('../../operations/manifest.json', import.meta.url), 'utf8'),
);
const registered = (name: string) => manifest.operations.find((o) => o.name === name)!;
const persisted = (sha256Hash: unknown) => ({ persistedQuery: { version: 1, sha256Hash } });
const JOINT = registered('JointUnions');

/** A refused operation must not have run (no data, no SQL). */
function ranNothing(response: Response, body: unknown) {
  if ((body as { data?: unknown }).data != null) throw new Error('a refused operation must not run');
  const statements = response.headers.get('x-sql-statements');
  if (statements !== null && statements !== '0') throw new Error(`refused after ${statements} statements`);
}

export const cases: HostileCase[] = [
  {
    name: 'a registered operation by its manifest id alone (the way in, for contrast)',
    send: (t) => t.listed.graphql({ extensions: persisted(JOINT.id) }),
    status: 200,
    check(_response, body) {
      if (!(body as { data?: { unionOrganizations?: unknown } }).data?.unionOrganizations)
        throw new Error('the registered operation should answer');
    },
  },
  {
    name: 'an operation that is not registered',
    send: (t) => t.listed.graphql({ query: '{ talents(first: 50) { nodes { id displayName } } }' }),
    status: 403,
    code: 'FORBIDDEN',
    check: ranNothing,
  },
  {
    name: 'a registered operation with one field more',
    send: (t) => t.listed.graphql({ query: JOINT.body.replace('facilities', 'facilities\n      id') }),
    status: 403,
    code: 'FORBIDDEN',
    check: ranNothing,
  },
  {
    name: 'a registered operation with an extra operation beside it, run by name',
    send: (t) =>
      t.listed.graphql({
        query: `${JOINT.body}\nquery Extra { talents { nodes { id displayName } } }`,
        operationName: 'Extra',
      }),
    status: 403,
    code: 'FORBIDDEN',
    check: ranNothing,
  },
  {
    name: 'introspection of an allow-listed API',
    send: (t) => t.listed.graphql({ query: '{ __schema { types { name } } }' }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'sign-in guesses by text (no registered sign-in operation)',
    send: (t) =>
      t.listed.graphql({
        query: 'mutation { login(input: { email: "a@tests.example", password: "guess" }) { token } }',
      }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'an id that is not the manifest’s',
    send: (t) => t.listed.graphql({ extensions: persisted('0'.repeat(64)) }),
    status: [200, 404],
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  {
    name: 'a manifest id in capitals',
    send: (t) => t.listed.graphql({ extensions: persisted(JOINT.id.toUpperCase()) }),
    status: [200, 404],
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  ...[1e308, { id: 'x' }, { toString: 'x' }, ['x'], null, true].map(
    (id): HostileCase => ({
      name: `a manifest id that is not a string: ${JSON.stringify(id)}`,
      send: (t) =>
        t.listed.graphql({
          extensions: persisted(
            id && typeof id === 'object'
              ? JSON.parse(JSON.stringify(id).replaceAll('"x"', `"${JOINT.id}"`))
              : id,
          ),
        }),
      status: 400,
      code: 'BAD_REQUEST',
      check: ranNothing,
    }),
  ),
  {
    name: 'a 200 KB id',
    send: (t) => t.listed.graphql({ extensions: persisted('a'.repeat(200_000)) }),
    status: [200, 404],
    code: 'PERSISTED_QUERY_NOT_FOUND',
    maxMs: 1_000,
  },
  {
    name: 'a manifest id with another operation’s text',
    send: (t) =>
      t.listed.graphql({
        query: '{ talents { nodes { id displayName } } }',
        extensions: persisted(JOINT.id),
      }),
    status: 400,
    code: 'BAD_REQUEST',
    check: ranNothing,
  },
  {
    name: 'a manifest id with an empty text',
    send: (t) => t.listed.graphql({ query: '', extensions: persisted(JOINT.id) }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a manifest id with an operation name it does not have',
    send: (t) => t.listed.graphql({ extensions: persisted(JOINT.id), operationName: 'Extra' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'an unregistered operation sent with its own hash (automatic persisted query)',
    send: (t) => {
      const query = '{ talents(first: 3) { nodes { id displayName } } }';
      const sha = createHash('sha256').update(query).digest('hex');
      return t.listed.graphql({ query, extensions: persisted(sha) });
    },
    status: 403,
    code: 'FORBIDDEN',
    check: ranNothing,
  },
];
