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

/** How the API answers an error code. */
export interface CodeAnswer {
  /** HTTP status of a request refused as a whole with this code (errors of single fields keep 200). */
  status: number;
  /** Whether the message is written for the caller; if not, it is masked and logged. */
  shown: boolean;
}

/**
 * How each code is answered, in one exhaustive switch: a new code does not compile until it is
 * mapped here (as Twenty maps its exceptions).
 */
export function answerOf(code: ErrorCode): CodeAnswer {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return { status: 401, shown: true };
    case ErrorCode.FORBIDDEN:
      return { status: 403, shown: true };
    case ErrorCode.NOT_FOUND:
      return { status: 404, shown: true };
    case ErrorCode.BAD_USER_INPUT:
      return { status: 400, shown: true };
    case ErrorCode.CONFLICT:
      return { status: 409, shown: true };
    case ErrorCode.COST_LIMIT_EXCEEDED:
      return { status: 400, shown: true };
    case ErrorCode.RATE_LIMITED:
      return { status: 429, shown: true };
    case ErrorCode.SERVICE_UNAVAILABLE:
      return { status: 503, shown: true };
    case ErrorCode.REQUEST_TIMEOUT:
      return { status: 503, shown: true };
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return { status: 500, shown: false };
  }
}

/**
 * An error that refuses the whole request, answered with the code's HTTP status (`answerOf`) and
 * any `headers`; `status` overrides it where a protocol asks for another (422 for a reused
 * Idempotency-Key, as its draft standard does).
 */
export function requestError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  options: { headers?: Record<string, string>; status?: number } = {},
): AppError {
  const http = {
    status: options.status ?? answerOf(code).status,
    ...(options.headers ? { headers: new Map(Object.entries(options.headers)) } : {}),
  };
  return new AppError(code, message, { ...details, http });
}
