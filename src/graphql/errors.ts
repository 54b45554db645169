import { GraphQLError } from 'graphql';

/**
 * The documented error codes. Every error the API throws carries one of these in
 * `extensions.code`; user-fixable failures of mutations come back as `userErrors` instead.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * The database is unreachable for a moment. `retryable: true`: nothing was changed (or the write
   * carried an Idempotency-Key), retry after a few seconds; `outcome: 'UNKNOWN'` with `retryable: false`:
   * the connection was lost during COMMIT, read the object back before retrying.
   */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The request ran past REQUEST_TIMEOUT_MS (HTTP 503); its reads were stopped. */
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes graphql-js/Apollo produce before execution; passed through unchanged. */
export const PROTOCOL_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** An error that is safe to show to the caller, with its code and optional details. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details);
