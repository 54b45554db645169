import { resolve } from 'node:path';

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
  /** `Cache-Control: public, max-age` on anonymous GET answers, for CDNs (HTTP_CACHE_MAX_AGE, default 0: none). */
  httpCacheMaxAge: number;
  /** Largest request body accepted, in bytes (MAX_BODY_BYTES, default 8 MiB: a 5 MiB spreadsheet in base64); larger ones get 413. */
  maxBodyBytes: number;
  /** Pages that may call the API from a browser (CORS_ORIGINS: `*`, the default, or origins separated by commas). */
  corsOrigins: '*' | string[];
}

export class ConfigError extends Error {}

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
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024)!,
    corsOrigins: origins(env),
  };
}
