/**
 * What a database failure means for the caller. PostgreSQL's SQLSTATE codes and the driver's
 * connection errors, looked up through wrapped errors (GraphQL's `originalError`, MikroORM's copies,
 * `cause`).
 */
export type DatabaseFailure =
  /** The database cannot be reached or dropped the connection: retry shortly. */
  | 'unavailable'
  /** A statement ran past the statement timeout and was cancelled. */
  | 'timeout'
  /**
   * The connection dropped while COMMIT was under way: PostgreSQL may have committed before its
   * answer was lost, so whether the write happened is unknown (never say "nothing was changed").
   */
  | 'commit-unknown';

/** SQLSTATEs of a lost or refused connection: class 08, shutdowns, too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300|53000)$/;
/** Node's socket errors. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** pg's and knex's messages for a connection that is gone or could not be had in time. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|Transaction query already complete|timeout exceeded when trying to connect|Timeout acquiring a connection|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)/i;

/** Failures of requests that may be sent again as they were (they carried an Idempotency-Key). */
const retrySafeErrors = new WeakSet<object>();

/**
 * Marks the failure of a request whose retry is safe even when the outcome is unknown: its write and
 * the record of its answer commit together, so a retry with the same Idempotency-Key is answered from
 * that record, or writes once.
 */
export function retrySafe<E extends object>(error: E): E {
  retrySafeErrors.add(error);
  return error;
}

/** Whether `error` (or what it wraps) was marked by `retrySafe`. */
export function isRetrySafe(error: unknown): boolean {
  for (const cause of causes(error)) if (retrySafeErrors.has(cause)) return true;
  return false;
}

export function databaseFailure(error: unknown): DatabaseFailure | undefined {
  const failure = classify(error);
  return failure === 'unavailable' && duringCommit(error) ? 'commit-unknown' : failure;
}

/** The error and what it wraps: GraphQL's `originalError`, MikroORM's `previous`, `cause`. */
function* causes(error: unknown): Generator<{ code?: unknown; message?: unknown; name?: unknown }> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    yield current as { code?: unknown; message?: unknown; name?: unknown };
    const next = current as { originalError?: unknown; cause?: unknown; previous?: unknown };
    current = next.originalError ?? next.cause ?? next.previous;
  }
}

/** Whether the failed statement was the COMMIT (knex and MikroORM put it before the message). */
function duringCommit(error: unknown): boolean {
  for (const { message } of causes(error)) {
    if (typeof message === 'string' && /^\s*COMMIT\b/i.test(message)) return true;
  }
  return false;
}

function classify(error: unknown): DatabaseFailure | undefined {
  for (const { code, message, name } of causes(error)) {
    if (code === '57014') return 'timeout';
    if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code)))
      return 'unavailable';
    if (name === 'KnexTimeoutError') return 'unavailable';
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return 'unavailable';
  }
  return undefined;
}
