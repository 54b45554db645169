import { isIP } from 'node:net';
import { resolve } from 'node:path';
import proxyaddr from 'proxy-addr';
import { StartupRefusal } from './lib/refusal.js';

/** The environment, read and validated once. Every variable is documented in the README. */
export interface Config {
  /** HTTP port of the API (PORT, default 4000). */
  port: number;
  /** Interface the API listens on (HOST, default localhost). */
  host: string;
  /** A PostgreSQL URL; when absent an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data (DATA_DIR, default ./.data). */
  dataDir: string;
  /** Port of the embedded PostgreSQL (EMBEDDED_PG_PORT, default: a free port). */
  embeddedPgPort?: number;
  /** PostgreSQL statement_timeout of the API's connections in ms (STATEMENT_TIMEOUT_MS, default 5000; 0: none). */
  statementTimeoutMs: number;
  /** Maximum depth of a GraphQL operation (MAX_QUERY_DEPTH, default 12). */
  maxQueryDepth: number;
  /** Log SQL statements (LOG_SQL=1). */
  logSql: boolean;
  /** Load the demo dataset into an empty database at start-up (SEED_DEMO, default 1). */
  seedDemo: boolean;
  /** Secret that signs tokens (JWT_SECRET, at least 32 characters); generated under dataDir when absent. */
  jwtSecret?: string;
  /** Token lifetime (TOKEN_TTL_SECONDS, default 12 hours). */
  tokenTtlSeconds: number;
  /** A refused sign-in answers no sooner than this (LOGIN_FAILURE_DELAY_MS, default 1000). */
  loginFailureDelayMs: number;
  /** Answer repeated anonymous reads from the response cache (RESPONSE_CACHE, default 1). */
  responseCache: boolean;
  /** Redis for the response cache and persisted queries, shared by instances (REDIS_URL; memory when absent). */
  redisUrl?: string;
  /** Lifetime of a cached answer (RESPONSE_CACHE_TTL_SECONDS, default 300); writes drop answers sooner. */
  responseCacheTtlSeconds: number;
  /** Memory the in-process response cache may use (RESPONSE_CACHE_MAX_MB, default 64). */
  responseCacheMaxMb: number;
  /**
   * How long CDNs and browsers may reuse an anonymous GET answer without asking again
   * (HTTP_CACHE_MAX_AGE, default 0): `Cache-Control: public, max-age=N`; 0 sends
   * `public, max-age=0, must-revalidate`, so a cache keeps the answer but revalidates it each time
   * with its ETag (a 304 when it is unchanged).
   */
  httpCacheMaxAge: number;
  /** Compress answers of 1 KiB or more with brotli or gzip, as Accept-Encoding asks (HTTP_COMPRESSION, default 1). */
  httpCompression: boolean;
  /** Diagnostic headers (`x-sql-statements`) on answers (DIAGNOSTIC_HEADERS; default: on, off when NODE_ENV=production). */
  diagnosticHeaders: boolean;
  /** Most an operation may cost, estimated before it runs (MAX_QUERY_COST, default 50,000). */
  maxQueryCost: number;
  /** Most aliased fields in an operation, fragments expanded (MAX_ALIASES, default 100). */
  maxAliases: number;
  /** Most fields an operation selects, fragments expanded (MAX_FIELDS, default 2,000). */
  maxFields: number;
  /** Most fields of one selection set with the same response name, fragments expanded, refused before validation (MAX_REPEATED_FIELDS, default 50). */
  maxRepeatedFields: number;
  /** Most lexical tokens in a GraphQL document, refused while parsing, before validation (MAX_TOKENS, default 10,000). */
  maxTokens: number;
  /** A request still running after this many ms is answered REQUEST_TIMEOUT and its reads stop (REQUEST_TIMEOUT_MS, default 10,000). */
  requestTimeoutMs: number;
  /** Cost points a client may spend per window (RATE_LIMIT_POINTS, default 1,000,000; 0 turns the limiter off). */
  rateLimitPoints: number;
  /** The rate limiter's window (RATE_LIMIT_WINDOW_SECONDS, default 60). */
  rateLimitWindowSeconds: number;
  /** Sign-in attempts per account before it is locked out (LOGIN_MAX_FAILURES, default 5 per LOGIN_WINDOW_SECONDS). */
  loginMaxFailures: number;
  /** Sign-in attempts per IP address before it is locked out (LOGIN_MAX_FAILURES_PER_IP, default 50 per window). */
  loginMaxFailuresPerIp: number;
  /** Window in which sign-in failures count (LOGIN_WINDOW_SECONDS, default 900). */
  loginWindowSeconds: number;
  /** First lockout after too many failures; each further lockout within a day doubles it (LOGIN_LOCKOUT_SECONDS, default 60). */
  loginLockoutSeconds: number;
  /** Introspection on (INTROSPECTION; default: on, off when NODE_ENV=production). Also keeps "Did you mean …" suggestions. */
  introspection: boolean;
  /** GraphiQL at `GET /graphql` for a browser, served from the API's own files (EXPLORER; default: on, off when NODE_ENV=production). */
  explorer: boolean;
  /** Anonymous callers may run only the operations registered in `operationsDir`/manifest.json (ALLOW_LIST, default 0). */
  allowList: boolean;
  /** The project's own client operations, `*.graphql`, and their manifest `manifest.json` (OPERATIONS_DIR, default ./operations). */
  operationsDir: string;
  /** Named prepared statements kept per database connection; the least recently used is deallocated past it (MAX_PREPARED_STATEMENTS, default 500). */
  maxPreparedStatements: number;
  /** Size limits of a list's `where` input, checked before any SQL runs. */
  whereLimits: WhereLimits;
  /** Size limits of an imported spreadsheet, checked before it is read. */
  importLimits: ImportLimits;
  /** Largest request body accepted, in bytes (MAX_BODY_BYTES, default 8 MiB: a 5 MiB spreadsheet in base64); larger ones get 413. */
  maxBodyBytes: number;
  /** Largest body of a caller without a valid token (MAX_ANONYMOUS_BODY_BYTES, default 256 KiB). */
  anonymousMaxBodyBytes: number;
  /** Pages that may call the API from a browser (CORS_ORIGINS: `*`, the default, or origins separated by commas). */
  corsOrigins: '*' | string[];
  /**
   * The reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY: addresses, CIDR ranges and the
   * keywords loopback, linklocal, uniquelocal, separated by commas; unset or 0, the default: none, the
   * socket's address is the caller's).
   */
  trustProxy: string[];
  /** How long an Idempotency-Key and the answer stored with it are kept (IDEMPOTENCY_TTL_HOURS, default 24). */
  idempotencyTtlHours: number;
  /** Largest picture an upload may send, in bytes (IMAGE_MAX_BYTES, default 10 MiB). */
  imageMaxBytes: number;
  /** Most pixels (width × height) of an uploaded picture, read from its header before decoding (IMAGE_MAX_PIXELS, default 50,000,000). */
  imageMaxPixels: number;
  /**
   * The API's address as browsers reach it (PUBLIC_URL, e.g. `https://api.example.org`): the
   * absolute URLs of pictures start with it. Default: the address the server listens on.
   */
  publicUrl?: string;
  /** Subscriptions over WebSocket (`/graphql`, graphql-transport-ws) and Server-Sent Events (`/graphql/stream`) (SUBSCRIPTIONS, default 1). */
  subscriptions: boolean;
  /** Most subscriptions one WebSocket connection may hold at once (SUBSCRIPTIONS_PER_CONNECTION, default 20). */
  subscriptionsPerConnection: number;
  /** Most WebSocket connections and event streams open at once per client address (CONNECTIONS_PER_CLIENT, default 20; IPv6 counted per /64). */
  connectionsPerClient: number;
  /** How long changes are gathered before subscriptions are read again, in ms (LIVE_DEBOUNCE_MS, default 250). */
  liveDebounceMs: number;
  /** Largest WebSocket message or event-stream request accepted, in bytes (LIVE_MAX_MESSAGE_BYTES, default 64 KiB). */
  liveMaxMessageBytes: number;
  /** How often a signed-in live connection's account is checked again: disabled, token revoked, role changed (LIVE_RECHECK_SECONDS, default 60). */
  liveRecheckSeconds: number;
}

/** How large a `where` input may be (each refusal is BAD_USER_INPUT naming the field and the limit). */
export interface WhereLimits {
  /** Characters of a text compared by a filter: eq, contains, startsWith… (WHERE_MAX_STRING_LENGTH, default 200). */
  maxStringLength: number;
  /** Values of an `in`/`notIn` list (WHERE_MAX_LIST_SIZE, default 100). */
  maxListSize: number;
  /** Nesting of `and`/`or`/`not` and relation filters (WHERE_MAX_DEPTH, default 5). */
  maxDepth: number;
  /** Conditions (operators on fields, `near` points) in one `where` (WHERE_MAX_CONDITIONS, default 50). */
  maxConditions: number;
}

/** How large an imported spreadsheet may be (refused with a user error naming the limit). */
export interface ImportLimits {
  /** Data rows of a sheet (IMPORT_MAX_ROWS, default 100,000). */
  maxRows: number;
  /** Bytes of an XLSX file once unzipped, all its parts together (IMPORT_MAX_UNZIPPED_MB, default 50). */
  maxUnzippedBytes: number;
  /** Unzipped size over zipped size of an XLSX part larger than 1 MiB (IMPORT_MAX_ZIP_RATIO, default 100). */
  maxZipRatio: number;
}

export const DEFAULT_WHERE_LIMITS: WhereLimits = {
  maxStringLength: 200,
  maxListSize: 100,
  maxDepth: 5,
  maxConditions: 50,
};

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 100_000,
  maxUnzippedBytes: 50 * 1024 * 1024,
  maxZipRatio: 100,
};

/** A configuration value the API cannot use (printed as "Configuration error: …"). */
export class ConfigError extends StartupRefusal {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/0 or true/false, got "${raw}"`);
}

/** CORS_ORIGINS: `*` or a comma-separated list of origins (`scheme://host[:port]`, as browsers send them). */
function origins(env: NodeJS.ProcessEnv): '*' | string[] {
  const raw = (env.CORS_ORIGINS ?? '').trim();
  if (raw === '' || raw === '*') return '*';
  return raw.split(',').map((entry) => {
    const origin = entry.trim().replace(/\/$/, '');
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must be * or origins like https://app.example.org separated by commas, got "${entry.trim()}"`,
      );
    }
    return origin;
  });
}

const TRUST_PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset, empty or 0 trusts no proxy; otherwise addresses, CIDR ranges (`10.0.0.0/8`,
 * `10.0.0.0/255.0.0.0`, `fd00::/8`) and keywords separated by commas, checked by proxy-addr (what
 * Express uses) so that a typo refuses to start instead of trusting nothing or everything.
 */
function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === '0') return [];
  return raw.split(',').map((part) => {
    const entry = part.trim();
    const [address = '', range] = entry.split('/');
    // Node's own check first: proxy-addr alone takes `1` (Express's hop count) for the address 0.0.0.1.
    let valid =
      TRUST_PROXY_KEYWORDS.includes(entry) ||
      (isIP(address) !== 0 && (range === undefined || /^\d{1,3}$/.test(range) || isIP(range) !== 0));
    try {
      if (valid) proxyaddr.compile(entry);
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of ${TRUST_PROXY_KEYWORDS.join(', ')}; name the proxies separated by commas (hop counts and "true" are not supported), or 0 to trust none`,
      );
    }
    return entry;
  });
}

/** PUBLIC_URL: an http(s) URL without query or fragment; a trailing slash is dropped. */
function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = (env.PUBLIC_URL ?? '').trim();
  if (!raw) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username) {
    throw new ConfigError(
      `PUBLIC_URL must be the API's address as browsers reach it, like https://api.example.org (http or https, no query), got "${raw}"`,
    );
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret && jwtSecret.length < 32)
    throw new ConfigError('JWT_SECRET must have at least 32 characters');
  return {
    port: int(env, 'PORT', 4000, 0, 65535)!,
    host: env.HOST || 'localhost',
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', undefined, 1, 65535),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 5_000, 0, 3_600_000)!,
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 12, 2, 50)!,
    logSql: bool(env, 'LOG_SQL', false),
    seedDemo: bool(env, 'SEED_DEMO', true),
    jwtSecret,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600)!,
    loginFailureDelayMs: int(env, 'LOGIN_FAILURE_DELAY_MS', 1000, 0, 10_000)!,
    responseCache: bool(env, 'RESPONSE_CACHE', true),
    redisUrl,
    responseCacheTtlSeconds: int(env, 'RESPONSE_CACHE_TTL_SECONDS', 300, 1, 86_400)!,
    responseCacheMaxMb: int(env, 'RESPONSE_CACHE_MAX_MB', 64, 1, 16_384)!,
    httpCacheMaxAge: int(env, 'HTTP_CACHE_MAX_AGE', 0, 0, 86_400)!,
    maxQueryCost: int(env, 'MAX_QUERY_COST', 50_000, 1, 1e12)!,
    maxAliases: int(env, 'MAX_ALIASES', 100, 0, 100_000)!,
    maxFields: int(env, 'MAX_FIELDS', 2_000, 1, 1_000_000)!,
    maxRepeatedFields: int(env, 'MAX_REPEATED_FIELDS', 50, 1, 100_000)!,
    maxTokens: int(env, 'MAX_TOKENS', 10_000, 100, 10_000_000)!,
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 10_000, 1, 3_600_000)!,
    rateLimitPoints: int(env, 'RATE_LIMIT_POINTS', 1_000_000, 0, 1e15)!,
    rateLimitWindowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400)!,
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1_000_000)!,
    loginMaxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 50, 1, 1_000_000)!,
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400)!,
    loginLockoutSeconds: int(env, 'LOGIN_LOCKOUT_SECONDS', 60, 1, 86_400)!,
    introspection: bool(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    explorer: bool(env, 'EXPLORER', env.NODE_ENV !== 'production'),
    allowList: bool(env, 'ALLOW_LIST', false),
    operationsDir: resolve(env.OPERATIONS_DIR || 'operations'),
    maxPreparedStatements: int(env, 'MAX_PREPARED_STATEMENTS', 500, 10, 100_000)!,
    whereLimits: {
      maxStringLength: int(env, 'WHERE_MAX_STRING_LENGTH', DEFAULT_WHERE_LIMITS.maxStringLength, 1, 100_000)!,
      maxListSize: int(env, 'WHERE_MAX_LIST_SIZE', DEFAULT_WHERE_LIMITS.maxListSize, 1, 10_000)!,
      maxDepth: int(env, 'WHERE_MAX_DEPTH', DEFAULT_WHERE_LIMITS.maxDepth, 1, 50)!,
      maxConditions: int(env, 'WHERE_MAX_CONDITIONS', DEFAULT_WHERE_LIMITS.maxConditions, 1, 10_000)!,
    },
    importLimits: {
      maxRows: int(env, 'IMPORT_MAX_ROWS', DEFAULT_IMPORT_LIMITS.maxRows, 1, 10_000_000)!,
      maxUnzippedBytes:
        int(env, 'IMPORT_MAX_UNZIPPED_MB', DEFAULT_IMPORT_LIMITS.maxUnzippedBytes / 1024 / 1024, 1, 4096)! *
        1024 *
        1024,
      maxZipRatio: int(env, 'IMPORT_MAX_ZIP_RATIO', DEFAULT_IMPORT_LIMITS.maxZipRatio, 2, 100_000)!,
    },
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024)!,
    anonymousMaxBodyBytes: int(env, 'MAX_ANONYMOUS_BODY_BYTES', 256 * 1024, 1024, 1024 * 1024 * 1024)!,
    corsOrigins: origins(env),
    httpCompression: bool(env, 'HTTP_COMPRESSION', true),
    diagnosticHeaders: bool(env, 'DIAGNOSTIC_HEADERS', env.NODE_ENV !== 'production'),
    trustProxy: trustedProxies(env),
    idempotencyTtlHours: int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30)!,
    imageMaxBytes: int(env, 'IMAGE_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024)!,
    // libvips's own ceiling is 0x3FFF × 0x3FFF pixels.
    imageMaxPixels: int(env, 'IMAGE_MAX_PIXELS', 50_000_000, 10_000, 268_402_689)!,
    publicUrl: publicUrl(env),
    subscriptions: bool(env, 'SUBSCRIPTIONS', true),
    subscriptionsPerConnection: int(env, 'SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000)!,
    connectionsPerClient: int(env, 'CONNECTIONS_PER_CLIENT', 20, 1, 100_000)!,
    liveDebounceMs: int(env, 'LIVE_DEBOUNCE_MS', 250, 0, 60_000)!,
    liveMaxMessageBytes: int(env, 'LIVE_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024)!,
    liveRecheckSeconds: int(env, 'LIVE_RECHECK_SECONDS', 60, 1, 3600)!,
  };
}
