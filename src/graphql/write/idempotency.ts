import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Knex } from '@mikro-orm/postgresql';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionSetNode,
} from 'graphql';
import { retrySafe } from '../../db/failures.js';
import type { Context } from '../context.js';
import { ErrorCode, requestError } from '../errors.js';

/**
 * Idempotent retries of writes, as Stripe's API has them. A signed-in mutation sent with an
 * `Idempotency-Key` header runs in one transaction with everything it reads back, and its answer's
 * `data` is stored in `idempotency_key` (account, key, fingerprint of the request) by the same
 * transaction, just before COMMIT: the stored answer exists exactly when the write does. A retry
 * with the same key then gets the stored answer (`Idempotent-Replayed: true`) and runs nothing, also
 * after a COMMIT whose answer was lost (SERVICE_UNAVAILABLE, `outcome: UNKNOWN`, `retryable: true`).
 *
 * - The same key with a different request (query, variables, operation name): BAD_USER_INPUT
 *   `reason: IDEMPOTENCY_KEY_REUSED`, HTTP 422.
 * - While a request with the key runs (a transaction-scoped advisory lock of account and key):
 *   CONFLICT `reason: IDEMPOTENCY_KEY_IN_USE`, `retryable: true`, HTTP 409.
 * - Only answers of writes that happened are stored: a write refused with user errors, or any
 *   error, rolls everything back (the stored row too), so a retry runs again.
 * - Each root mutation field is a transaction of its own (src/graphql/write/mutation.ts), so one key
 *   covers one write: an operation with several root fields is refused (BAD_REQUEST), as is a key
 *   sent without signing in (the key belongs to an account) and on `login`. Queries ignore the key.
 * - Keys are kept IDEMPOTENCY_TTL_HOURS (24); older rows are ignored, and deleted in batches.
 */

/** The request header a caller sends, and the answer's header on a replayed answer. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;
/** 1–255 printable ASCII characters (space to tilde). */
const KEY = /^[\x20-\x7e]{1,255}$/;
/** Mutations that take no key: signing in writes nothing worth replaying (and its answer is a token). */
const KEYLESS_FIELDS = new Set(['login']);
/** Expired rows deleted per sweep, and how often a sweep runs while keys are used. */
const SWEEP_BATCH = 500;
const SWEEP_EVERY_MS = 60_000;

/** The keys of one server: their lifetime, and the sweep of expired rows. */
export class IdempotencyKeys {
  private nextSweep = 0;

  constructor(readonly ttlHours: number = DEFAULT_IDEMPOTENCY_TTL_HOURS) {}

  /**
   * Deletes at most SWEEP_BATCH expired rows, at most once a minute (again at the next keyed write
   * when a batch was full); beside the request, never in its way: a failure only leaves rows for the
   * next sweep.
   */
  sweep(knex: Knex) {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    knex
      .raw(
        `delete from idempotency_key where (user_id, key) in (
           select user_id, key from idempotency_key
           where created_at < now() - make_interval(hours => ?) limit ${SWEEP_BATCH})`,
        [this.ttlHours],
      )
      .then((result: { rowCount?: number }) => {
        if (result.rowCount === SWEEP_BATCH) this.nextSweep = 0;
      })
      .catch(() => {});
  }
}

/** A request's key and what became of it. */
export interface Idempotency {
  key: string;
  keys: IdempotencyKeys;
  /** Set by the write path when the write was refused (user errors): nothing is stored. */
  rolledBack?: boolean;
  /** The answer is the stored one. */
  replayed?: boolean;
}

/**
 * The Idempotency-Key of a request (every value Node saw, `req.headersDistinct`): undefined when
 * absent, else the key or why it is refused.
 */
export function readIdempotencyKey(
  values: readonly string[] | undefined,
): { key: string } | { refused: string } | undefined {
  if (!values?.length) return undefined;
  if (values.length > 1) return { refused: 'Send one Idempotency-Key header, not several' };
  const key = values[0]!;
  if (!KEY.test(key)) {
    return {
      refused: `Idempotency-Key must be 1 to 255 printable ASCII characters (got ${key.length} characters${key.length && key.length <= 255 ? ', some not printable ASCII' : ''})`,
    };
  }
  return { key };
}

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/**
 * The response keys of an operation's root fields, fragments expanded, `__typename` left out;
 * `@skip`/`@include` are not evaluated (a field that may run counts).
 */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): Map<string, string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '__typename') fields.set(s.alias?.value ?? s.name.value, s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

/**
 * Before execution: a key on a query is dropped (reads are safe to repeat); on a mutation it needs a
 * signed-in caller and exactly one root field other than `login` (none: the key is dropped).
 * A replayed answer gets `Idempotent-Replayed: true`.
 */
export function idempotencyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!contextValue.idempotency || !operation) return;
          if (operation.operation !== 'mutation') {
            contextValue.idempotency = undefined;
            return;
          }
          if (contextValue.viewer.kind !== 'user') {
            throw badRequest(
              'Idempotency-Key needs a signed-in caller: keys belong to an account. Sign in, or send the mutation without the header.',
            );
          }
          const fields = rootFields(document, operation);
          if (fields.size > 1) {
            throw badRequest(
              `Idempotency-Key covers one write: this operation has ${fields.size} root mutation fields, each its own transaction. Send each with a key of its own.`,
            );
          }
          const [name] = fields.values();
          if (name === undefined) contextValue.idempotency = undefined;
          else if (KEYLESS_FIELDS.has(name)) throw badRequest(`${name} takes no Idempotency-Key`);
        },
        async willSendResponse({ contextValue, response }) {
          if (contextValue.idempotency?.replayed) response.http.headers.set(REPLAYED_HEADER, 'true');
        },
      };
    },
  };
}

/** JSON with object keys sorted, so variables sent in another order fingerprint the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the printed document (whitespace and comments normalised), operation name and variables. */
export function fingerprintOf(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): Buffer {
  return createHash('sha256')
    .update(print(document))
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(canonical(variables ?? {}))
    .digest();
}

const failed = (error: unknown, message = 'The write failed') =>
  ({ errors: [new GraphQLError(message, { originalError: error as Error })] }) as ExecutionResult;

/**
 * Runs a keyed mutation (see the top of this file): in one transaction on the request's EntityManager
 * (the write path nests its transaction in it as a savepoint; the read path reads on its connection,
 * `ctx.knex`), the lock of the key, the look-up of a stored answer, the execution, the stored answer,
 * COMMIT.
 */
export async function runIdempotent(
  ctx: Context,
  request: { document: DocumentNode; operationName: string | null; variables?: Record<string, unknown> },
  execute: () => Promise<ExecutionResult> | ExecutionResult,
): Promise<ExecutionResult> {
  const idem = ctx.idempotency!;
  if (ctx.viewer.kind !== 'user') throw new Error('an Idempotency-Key needs a signed-in caller');
  const userId = ctx.viewer.userId;
  const fingerprint = fingerprintOf(request.document, request.operationName, request.variables);
  const em = ctx.em;
  const pool = ctx.knex;
  try {
    await em.begin();
  } catch (error) {
    return failed(error);
  }
  const trx = em.getTransactionContext<Knex.Transaction>()!;
  const rollback = () => em.rollback().catch(() => {});
  ctx.knex = trx;
  try {
    const [lock] = (
      await trx.raw('select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as locked', [
        `idempotency_key:${userId}:${idem.key}`,
      ])
    ).rows;
    if (!lock.locked) {
      await rollback();
      return {
        errors: [
          requestError(
            ErrorCode.CONFLICT,
            'A request with this Idempotency-Key is still running; retry in a moment to get its answer.',
            { reason: 'IDEMPOTENCY_KEY_IN_USE', retryable: true },
          ),
        ],
      };
    }
    const [stored] = (
      await trx.raw(
        `select fingerprint, response from idempotency_key
         where user_id = ? and key = ? and created_at > now() - make_interval(hours => ?)`,
        [userId, idem.key, idem.keys.ttlHours],
      )
    ).rows as { fingerprint: Buffer; response: Record<string, unknown> }[];
    if (stored) {
      await rollback();
      if (stored.fingerprint.equals(fingerprint)) {
        idem.replayed = true;
        return { data: stored.response };
      }
      return {
        errors: [
          requestError(
            ErrorCode.BAD_USER_INPUT,
            'This Idempotency-Key was used for a different request (query, variables or operation name). Use a new key for a new request.',
            { reason: 'IDEMPOTENCY_KEY_REUSED', header: 'Idempotency-Key' },
            { status: 422 },
          ),
        ],
      };
    }
    const result = await execute();
    if (result.errors?.length || !result.data) {
      // Rolled back: the answer must not show objects the write created and this rollback undid.
      await rollback();
      return result.errors?.length ? { errors: result.errors } : result;
    }
    if (idem.rolledBack) {
      await rollback();
      return result;
    }
    await trx.raw(
      `insert into idempotency_key (user_id, key, fingerprint, response) values (?, ?, ?, ?::json)
       on conflict (user_id, key) do update
       set fingerprint = excluded.fingerprint, response = excluded.response, created_at = excluded.created_at`,
      [userId, idem.key, fingerprint, JSON.stringify(result.data)],
    );
    try {
      await em.commit();
    } catch (error) {
      // Whether PostgreSQL committed is unknown; either way a retry with the key is safe.
      return {
        errors: [
          retrySafe(new GraphQLError('The write could not be committed', { originalError: error as Error })),
        ],
      };
    }
    idem.keys.sweep(pool);
    return result;
  } catch (error) {
    await rollback();
    return failed(error);
  } finally {
    ctx.knex = pool;
  }
}
