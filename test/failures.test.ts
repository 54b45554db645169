import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { databaseFailure } from '../src/db/failures.js';

/** What a database failure means for the caller (src/db/failures.ts), on the errors pg, knex and MikroORM raise. */
describe('databaseFailure', () => {
  const wrapped = (error: Error) => new GraphQLError(error.message, { originalError: error });
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'unavailable'],
    [
      'a server shutting down',
      coded('terminating connection due to administrator command', '57P01'),
      'unavailable',
    ],
    ['too many clients', coded('sorry, too many clients already', '53300'), 'unavailable'],
    ['a dropped connection', new Error('Connection terminated unexpectedly'), 'unavailable'],
    [
      'a pool that cannot connect',
      Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
      'unavailable',
    ],
    [
      'a transaction its connection lost',
      new Error('Transaction query already complete, run with DEBUG=knex:tx for more info'),
      'unavailable',
    ],
    ['the statement timeout', coded('canceling statement due to statement timeout', '57014'), 'timeout'],
    [
      'a COMMIT whose answer was lost',
      new Error('COMMIT; - Connection terminated unexpectedly'),
      'commit-unknown',
    ],
    [
      'a COMMIT on a broken client',
      new Error('COMMIT; - Client has encountered a connection error and is not queryable'),
      'commit-unknown',
    ],
    ['a unique violation', coded('duplicate key value violates unique constraint', '23505'), undefined],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')"), undefined],
  ])('%s', (_name, error, expected) => {
    expect(databaseFailure(error)).toBe(expected);
    expect(databaseFailure(wrapped(error))).toBe(expected);
  });
});

describe('error codes', () => {
  it('maps every code to an HTTP status and says which are shown (one exhaustive switch)', async () => {
    const { answerOf, ErrorCode } = await import('../src/graphql/errors.js');
    for (const code of Object.values(ErrorCode)) {
      const answer = answerOf(code);
      expect(answer.status, code).toBeGreaterThanOrEqual(400);
      expect(answer.shown, code).toBe(code !== ErrorCode.INTERNAL_SERVER_ERROR);
    }
    expect(answerOf(ErrorCode.RATE_LIMITED).status).toBe(429);
    expect(answerOf(ErrorCode.UNAUTHENTICATED).status).toBe(401);
  });
});
