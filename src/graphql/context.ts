import { randomUUID } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import {
  DEFAULT_IMPORT_LIMITS,
  DEFAULT_WHERE_LIMITS,
  type ImportLimits,
  type WhereLimits,
} from '../config.js';
import { Loaders } from '../data/loaders.js';
import type { AuthSettings } from '../modules/user/auth.js';
import { Locale } from './locale.js';
import type { Allowance } from './rate-limit.js';
import { anonymous, type Viewer } from './viewer.js';
import type { Idempotency } from './write/idempotency.js';

/**
 * Everything one request carries: its own EntityManager fork (writes), its own DataLoaders (reads),
 * the caller and the language. Created per request by `createContext`; nothing request-scoped lives
 * at module level.
 */
export interface Context {
  requestId: string;
  viewer: Viewer;
  /** Default language for names: the `Accept-Language` header, Chinese when absent. */
  locale: Locale;
  em: EntityManager;
  knex: Knex;
  /** Replaced after a write, so the payload is read fresh. */
  loaders: Loaders;
  /** SQL statements this request issued through the read layer. */
  stats: { statements: number };
  /** Token signing and sign-in settings. */
  auth: AuthSettings;
  /**
   * What became of the request, for the HTTP layer (an object: Apollo hands resolvers a shallow copy
   * of the context). `cacheable`: the answer may be stored in the response cache; `writes`: the
   * operation is a mutation, which the request timeout lets finish (its caller must learn whether it
   * committed).
   */
  outcome: { cacheable: boolean; writes?: boolean };
  /** The caller's network address (rate limits of anonymous callers and of sign-in). */
  clientAddress: string;
  /**
   * Aborted when the client disconnects or the request runs past its timeout: the read path issues
   * no statement after that.
   */
  signal?: AbortSignal;
  /** The operation's cost and the rate limiter's answer, set before execution (`extensions.cost`). */
  cost?: { requested: number; limit: number; allowance?: Allowance };
  /** Size limits of input (from the configuration; the defaults when not given). */
  limits: InputLimits;
  /**
   * A mutation's Idempotency-Key (write/idempotency.ts): it runs in one transaction on `em` (and the
   * read path on its connection, `knex`) that stores its answer.
   */
  idempotency?: Idempotency;
  /**
   * The API's address as browsers reach it (PUBLIC_URL, else the address its server listens on):
   * absolute URLs in answers (pictures) start with it. Absent outside a server (scripts, tests).
   */
  publicUrl?: string;
}

/** Size limits of input the API applies to every request. */
export interface InputLimits {
  where: WhereLimits;
  import: ImportLimits;
}

const DEFAULT_LIMITS: InputLimits = { where: DEFAULT_WHERE_LIMITS, import: DEFAULT_IMPORT_LIMITS };

/** Options of `createContext`: what the HTTP layer knows of the request. */
export interface ContextOptions {
  locale?: Locale;
  viewer?: Viewer;
  requestId?: string;
  clientAddress?: string;
  signal?: AbortSignal;
  limits?: InputLimits;
  idempotency?: Idempotency;
  publicUrl?: string;
}

/**
 * A request's context. The EntityManager fork is made on first use: reads go to the pool directly
 * and never need one. (A class: the getter lives on the prototype, so it survives Apollo's shallow
 * copy of the context.)
 */
class RequestContext implements Context {
  requestId: string;
  viewer: Viewer;
  locale: Locale;
  knex: Knex;
  loaders = new Loaders();
  stats = { statements: 0 };
  outcome: Context['outcome'] = { cacheable: false };
  clientAddress: string;
  signal?: AbortSignal;
  cost?: Context['cost'];
  limits: InputLimits;
  idempotency?: Idempotency;
  publicUrl?: string;
  private fork?: EntityManager;

  constructor(
    private readonly root: EntityManager,
    readonly auth: AuthSettings,
    options: ContextOptions,
  ) {
    this.requestId = options.requestId ?? randomUUID();
    this.viewer = options.viewer ?? anonymous;
    this.locale = options.locale ?? Locale.ZH;
    this.knex = root.getKnex();
    this.clientAddress = options.clientAddress ?? 'local';
    this.signal = options.signal;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.idempotency = options.idempotency;
    this.publicUrl = options.publicUrl;
  }

  get em(): EntityManager {
    this.fork ??= this.root.fork();
    return this.fork;
  }
}

export function createContext(em: EntityManager, auth: AuthSettings, options: ContextOptions = {}): Context {
  return new RequestContext(em, auth, options);
}
