import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ResponseCache } from './cache/response-cache.js';
import { loadConfig } from './config.js';
import { addVary, type CorsOrigins, corsFor } from './cors.js';
import { type DatabaseFailure, databaseFailure, isRetrySafe } from './db/failures.js';
import { createExplorer } from './explorer/explorer.js';
import { type Context, createContext, type InputLimits } from './graphql/context.js';
import { AppError, answerOf, ErrorCode, PROTOCOL_ERROR_CODES } from './graphql/errors.js';
import { compiledGateway } from './graphql/executor.js';
import {
  clientAddressOf,
  documentSizeRule,
  type GuardOptions,
  guardsPlugin,
  requestLifetime,
  trustProxy,
  withoutSuggestions,
} from './graphql/guards.js';
import { inputChecksPlugin } from './graphql/input-checks.js';
import { depthLimitPlugin } from './graphql/limits.js';
import { localeFromHeader } from './graphql/locale.js';
import { getSchema } from './graphql/schema.js';
import {
  IDEMPOTENCY_HEADER,
  IdempotencyKeys,
  idempotencyPlugin,
  readIdempotencyKey,
} from './graphql/write/idempotency.js';
import { sendBody } from './http/representation.js';
import { BodyTooLargeError, readBody, sendJson } from './http.js';
import type { Logger } from './logger.js';
import { type ImageConfig, imageRoutes } from './modules/image/image.http.js';
import type { Module } from './modules/module.js';
import { sendExport } from './modules/spreadsheet/spreadsheet.http.js';
import { type AuthSettings, authenticate, signedToken } from './modules/user/auth.js';

/** Codes whose message is meant for the caller; anything else (Apollo labels it INTERNAL_SERVER_ERROR) is masked. */
const SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => answerOf(c).shown),
  ...PROTOCOL_ERROR_CODES,
]);
const isSafe = (code: unknown) => typeof code === 'string' && SAFE_CODES.has(code);

/**
 * Apollo's own refusals of a malformed request that carry no code, only a 4xx status: a persisted
 * query whose hash is not its text's, an unsupported persisted-query version. The caller's mistake,
 * answered BAD_REQUEST with the message (clearer where Apollo's is terse), not masked.
 */
function refusal(error: unknown): string | undefined {
  const extensions = (error as Partial<GraphQLError> | undefined)?.extensions;
  if (!extensions || extensions.code !== undefined) return undefined;
  const status = (extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const { message } = error as GraphQLError;
  return message === 'provided sha does not match query'
    ? 'persisted query hash mismatch: extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text'
    : message;
}

/**
 * Codes of the errors that say what is wrong with the operation's text or its input values (it does
 * not parse, does not validate, a variable or argument value is refused). GraphQL over HTTP: answered
 * 400 in `application/graphql-response+json`, 200 in `application/json` (a well-formed GraphQL
 * response, so a client knows no proxy made it). Limits, permissions and availability keep their
 * status in both (COST_LIMIT_EXCEEDED 400, FORBIDDEN 403, RATE_LIMITED 429, …).
 */
const DOCUMENT_ERROR_CODES = new Set<unknown>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  ErrorCode.BAD_USER_INPUT,
]);
/**
 * Requests answered 400 with document errors only (see DOCUMENT_ERROR_CODES), marked by createApollo
 * on their context's `outcome` (Apollo hands plugins a shallow copy of the context: nested objects are shared).
 */
const documentErrors = new WeakSet<Context['outcome']>();

/** Query parameters of a request that has none to read (a POST's are in its body). */
const NO_PARAMS = new URLSearchParams();
/** /health reports the database down when it does not answer `select 1` within this time. */
const HEALTH_TIMEOUT_MS = 2_000;

/** Longest error message sent: messages quote what the caller sent (an operation name, a variable's value). */
const MAX_MESSAGE_LENGTH = 1000;
const clip = (message: string) =>
  message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}… (cut)` : message;

/**
 * Errors carrying a documented code pass through; anything else is an internal failure: the caller
 * gets INTERNAL_SERVER_ERROR and no detail, the log gets the error with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // A refusal reported during validation (documentSizeRule): Apollo labels it GRAPHQL_VALIDATION_FAILED.
  const original = (error as Partial<GraphQLError> | undefined)?.originalError;
  if (original instanceof AppError && formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
    const { http: _http, ...extensions } = original.extensions;
    return { message: clip(original.message), extensions };
  }
  // graphql-js gives up comparing a document's fields past its budget with an uncoded "Validation
  // aborted." (documentSizeRule refuses such documents first; this covers larger limits).
  if (
    formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' &&
    formatted.message === 'Validation aborted.'
  ) {
    return {
      message:
        'The operation is too large to validate: graphql-js stopped comparing its fields. Select fewer fields, fewer copies of one field or fewer aliases.',
      extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED },
    };
  }
  const failure = databaseFailure(error);
  if (failure)
    return {
      ...databaseError(failure, isRetrySafe(error)),
      locations: formatted.locations,
      path: formatted.path,
    };
  const refused = refusal(error);
  if (refused) return { message: clip(refused), extensions: { code: 'BAD_REQUEST' } };
  if (isSafe(formatted.extensions?.code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: clip(formatted.message), extensions };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * The caller's view of a database failure: a coded error that says whether to retry. `keyed`: the
 * request carried an Idempotency-Key, so retrying it with the same key is safe whatever happened.
 */
export function databaseError(failure: DatabaseFailure, keyed = false): GraphQLFormattedError {
  switch (failure) {
    case 'unavailable':
      return {
        message: 'The database is unavailable for a moment; nothing was changed. Try again in a few seconds.',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    case 'commit-unknown':
      if (keyed) {
        return {
          message:
            'The database connection dropped while the change was being committed: it may or may not have been written. Send the same request again with the same Idempotency-Key: if it was written you get its stored answer, if not it is written once.',
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, outcome: 'UNKNOWN' },
        };
      }
      return {
        message:
          'The database connection dropped while the change was being committed: it may or may not have been written. Read it back before trying again (a write sent with an Idempotency-Key may be sent again as it was).',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: false, outcome: 'UNKNOWN' },
      };
    case 'timeout':
      return {
        message: 'The operation took longer than the statement timeout and was stopped; ask for less.',
        extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED, limit: 'STATEMENT_TIMEOUT_MS' },
      };
  }
}

/**
 * Builds the Apollo server: schema, limits, error masking and logging; with a response cache, its
 * persisted-query store and invalidation after every mutation.
 */
export async function createApollo(options: {
  maxQueryDepth: number;
  log: Logger;
  cache?: ResponseCache;
  /**
   * Cost, alias and rate limits, allow list (default: the configuration's defaults, no rate limit;
   * false: none at all, only to measure what they cost).
   */
  guards?: GuardOptions | false;
  /** Introspection and "Did you mean …" suggestions (default on). */
  introspection?: boolean;
  /** The modules whose schema it serves (default: the API's, src/modules/index.ts). */
  modules?: readonly Module[];
}) {
  const { cache } = options;
  const introspection = options.introspection ?? true;
  const defaults = loadConfig({});
  const guards = options.guards ?? {
    limits: {
      maxCost: defaults.maxQueryCost,
      maxAliases: defaults.maxAliases,
      maxFields: defaults.maxFields,
      maxRepeatedFields: defaults.maxRepeatedFields,
    },
  };
  const maxTokens = (guards ? guards.maxTokens : undefined) ?? defaults.maxTokens;
  const apollo = new ApolloServer<Context>({
    // Operations run compiled (graphql-jit) through Apollo's executor hook.
    gateway: compiledGateway(await getSchema(options.modules)),
    // Automatic persisted queries (hash-only GETs a CDN can cache); shared through Redis when the cache is.
    persistedQueries: cache ? { cache: cache.store.queries, ttl: null } : undefined,
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM and stops Apollo, the HTTP server and PostgreSQL in order.
    stopOnTerminationSignals: false,
    introspection,
    // Before validation, whose work grows with the document: a huge one is refused while parsing.
    parseOptions: { maxTokens },
    // Then a document with too many fields, aliases or repeats of one field, before graphql-js compares them.
    validationRules: guards ? [documentSizeRule(guards.limits)] : [],
    includeStacktraceInErrorResponses: false,
    formatError: introspection ? formatError : (f, e) => formatError(withoutSuggestions(f), e),
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // A browser's GET /graphql gets the explorer (src/explorer/), not Apollo's page from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      depthLimitPlugin(options.maxQueryDepth),
      idempotencyPlugin(),
      inputChecksPlugin(),
      ...(guards ? [guardsPlugin({ ...guards, sharedAnswers: !!cache })] : []),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ contextValue, errors }) {
              for (const error of errors) {
                if (isSafe(error.extensions?.code) || refusal(error)) continue;
                options.log({
                  level: 'error',
                  requestId: contextValue.requestId,
                  message: error.message,
                  path: error.path,
                  stack: (error.originalError ?? error).stack,
                });
              }
            },
            async willSendResponse({ contextValue, response, operation, errors }) {
              if (operation?.operation === 'mutation') {
                // The write is committed: later reads must not see what was cached before it.
                await cache?.invalidate();
              } else if (operation?.operation === 'query' && contextValue.viewer.kind === 'anonymous') {
                contextValue.outcome.cacheable =
                  !errors?.length &&
                  response.body.kind === 'single' &&
                  !response.body.singleResult.errors?.length;
              }
              response.http.headers.set('x-request-id', contextValue.requestId);
              const formatted = response.body.kind === 'single' ? response.body.singleResult : undefined;
              if (
                response.http.status === 400 &&
                formatted?.errors?.length &&
                formatted.data === undefined &&
                formatted.errors.every((e) => DOCUMENT_ERROR_CODES.has(e.extensions?.code))
              )
                documentErrors.add(contextValue.outcome);
              // Names follow Accept-Language when no locale argument is given: caches must key on it.
              response.http.headers.set('vary', 'accept-language');
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  return apollo;
}

/**
 * Subscriptions (src/live): WebSocket upgrades and event streams (`/graphql/stream`), closed before
 * the HTTP server stops (their connections would hold it open).
 */
export interface LiveTransports {
  /** Takes an HTTP upgrade request (a WebSocket): accepts it or answers and closes the socket. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Answers a request to `/graphql/stream` (GraphQL over Server-Sent Events). */
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Where event streams are served (GraphQL over SSE, distinct connections mode). */
export const STREAM_PATH = '/graphql/stream';

/**
 * The HTTP server: `/graphql` (GET and POST, GraphQL over HTTP) and `/health`. A thin node:http
 * handler: no framework sits between the socket and Apollo.
 */
export function createHttpServer(deps: {
  apollo: ApolloServer<Context>;
  em: EntityManager;
  auth: AuthSettings;
  log: Logger;
  /** Answers anonymous reads from the cache when set. */
  cache?: ResponseCache;
  /**
   * Lets CDNs keep anonymous GET answers this many seconds (`public, max-age=N`); 0, the default:
   * `public, max-age=0, must-revalidate` (kept, revalidated with the ETag every time).
   */
  httpMaxAgeSeconds?: number;
  /** Compress answers by Accept-Encoding (default on). */
  compression?: boolean;
  /** `x-sql-statements` on answers (default on; DIAGNOSTIC_HEADERS, off in production). */
  diagnosticHeaders?: boolean;
  /** A request still running after this long is answered REQUEST_TIMEOUT (default 10 s). */
  requestTimeoutMs?: number;
  /** Size limits of input (the defaults when absent). */
  limits?: InputLimits;
  /** Largest request body accepted (default 8 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Largest body of a caller without a valid token (default 256 KiB, at most maxBodyBytes). */
  anonymousMaxBodyBytes?: number;
  /** Pages that may read answers from a browser (default `*`). */
  corsOrigins?: CorsOrigins;
  /** Proxies whose X-Forwarded-For names the caller (TRUST_PROXY; default none: the socket's address). */
  trustProxy?: readonly string[];
  /** How long an Idempotency-Key and its stored answer are kept (default 24 hours). */
  idempotencyTtlHours?: number;
  /** GraphiQL for a browser's GET /graphql, from the API's own files (EXPLORER; default off). */
  explorer?: boolean;
  /** Where uploaded pictures are stored, their limits and the API's public address (`/images`). */
  images?: ImageConfig;
  /** Subscriptions: WebSocket upgrades and `/graphql/stream` (absent: upgrades are refused, the path is 404). */
  live?: LiveTransports;
}): Server {
  const { apollo, em, auth, log, cache } = deps;
  const publicCacheControl = deps.httpMaxAgeSeconds
    ? `public, max-age=${deps.httpMaxAgeSeconds}`
    : 'public, max-age=0, must-revalidate';
  const compress = deps.compression ?? true;
  const diagnostics = deps.diagnosticHeaders ?? true;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Only a signed-in caller needs a large body (a spreadsheet to import); parsing megabytes of JSON
  // holds the one thread, so anonymous callers get a smaller cap.
  const anonymousMaxBodyBytes = Math.min(
    maxBodyBytes,
    deps.anonymousMaxBodyBytes ?? DEFAULT_ANONYMOUS_MAX_BODY_BYTES,
  );
  const bodyLimitOf = async (req: IncomingMessage) =>
    (await signedToken(auth, req.headers.authorization)) ? maxBodyBytes : anonymousMaxBodyBytes;
  const cors = corsFor(deps.corsOrigins ?? '*');
  const trust = trustProxy(deps.trustProxy);
  const idempotencyKeys = new IdempotencyKeys(deps.idempotencyTtlHours);
  const explorer = deps.explorer ? createExplorer() : undefined;
  const images = imageRoutes({ em, auth, log, settings: deps.images, onWrite: () => cache?.invalidate() });
  const server = createServer(handle);
  images.listenOn(server);
  const { live } = deps;
  // Without a listener Node closes upgrade requests itself.
  if (live)
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      live.upgrade(req, socket, head),
    );
  // `Expect: 100-continue`: a body declared too large is refused before the client sends it.
  server.on('checkContinue', async (req: IncomingMessage, res: ServerResponse) => {
    // Uploads have their own limit (IMAGE_MAX_BYTES): their handler continues once it has checked it.
    if (req.url === '/images') {
      void handle(req, res);
      return;
    }
    const limit = await bodyLimitOf(req);
    if (Number(req.headers['content-length']) > limit) {
      cors.apply(req, res);
      sendTooLarge(res, limit);
      return;
    }
    res.writeContinue();
    void handle(req, res);
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // The path and query as sent; a full URL is parsed only where its parts are read (exports, GET).
    const target = req.url ?? '/';
    const at = target.indexOf('?');
    const pathname = at < 0 ? target : target.slice(0, at);
    const search = at < 0 ? '' : target.slice(at);
    let parsed: URL | undefined;
    const url = () => (parsed ??= new URL(target, 'http://localhost'));
    const method = (req.method ?? 'GET').toUpperCase();
    // HEAD is answered as GET (same status and headers); Node sends no body.
    const asMethod = method === 'HEAD' ? 'GET' : method;
    let bodyLimit = maxBodyBytes;
    try {
      if (method === 'OPTIONS') {
        cors.preflight(req, res);
        return;
      }
      cors.apply(req, res);
      if (pathname === '/health') {
        // Bounded: a database that does not answer makes the check fail fast, not wait for the pool.
        let timer: NodeJS.Timeout | undefined;
        const up = await Promise.race([
          em
            .getConnection()
            .execute('select 1')
            .then(
              () => true,
              () => false,
            ),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
        sendJson(res, up ? 200 : 503, { status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
        return;
      }
      const exported = /^\/export\/(\w+)\.(csv|xlsx)$/.exec(pathname);
      if (exported && method === 'GET') {
        await sendExport(req, res, url(), exported[1]!, exported[2] as 'csv' | 'xlsx', {
          em,
          auth,
          limits: deps.limits,
          schema: await getSchema(),
        });
        return;
      }
      // Pictures: uploads (POST /images) and stored files (GET /images/<file>).
      if (await images.handle(req, res, pathname, method)) return;
      if (live && pathname === STREAM_PATH) {
        await live.serve(req, res);
        return;
      }
      // The explorer: its page (a browser's GET /graphql) and its assets (/graphql/explorer/…).
      if (explorer?.serve(req, res, pathname, method)) return;
      if (pathname !== '/graphql') {
        sendJson(res, 404, {
          error:
            'not found; the API is at /graphql, exports at /export/<list>.<csv|xlsx>, pictures at /images',
        });
        return;
      }
      const keyed = readIdempotencyKey(req.headersDistinct[IDEMPOTENCY_HEADER]);
      if (keyed && 'refused' in keyed) {
        sendJson(res, 400, {
          errors: [
            { message: keyed.refused, extensions: { code: 'BAD_REQUEST', header: 'Idempotency-Key' } },
          ],
        });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      if (method === 'POST') {
        bodyLimit = await bodyLimitOf(req);
        const text = await readBody(req, bodyLimit);
        const type = headers.get('content-type') ?? '';
        if (type.includes('application/json')) {
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            sendJson(res, 400, {
              errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
            });
            return;
          }
        } else {
          body = text;
        }
      }
      if (badPersistedQueryHash(asMethod === 'GET' ? searchJson(url(), 'extensions') : body)) {
        sendJson(res, 400, {
          errors: [
            {
              message:
                'extensions.persistedQuery.sha256Hash must be a string: the SHA-256 of the query text in hexadecimal',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
        return;
      }
      const requestId =
        (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id']) || randomUUID();
      // The answer depends on Accept (its content type and, for errors, its status) and Accept-Language.
      addVary(res, 'accept, accept-language');
      // Signed-in answers are the caller's own: no cache may keep them.
      if (req.headers.authorization) res.setHeader('cache-control', 'private, no-store');
      const cacheKey =
        cache?.keyOf(asMethod, req.headers, asMethod === 'GET' ? url().searchParams : NO_PARAMS, body) ??
        null;
      let generation = Number.NaN;
      if (cacheKey) {
        const found = await cache!.lookup(cacheKey);
        generation = found.generation;
        if (found.hit) {
          res.statusCode = 200;
          res.setHeader('content-type', found.hit.contentType);
          res.setHeader('x-cache', 'HIT');
          res.setHeader('x-request-id', requestId);
          if (diagnostics) res.setHeader('x-sql-statements', '0');
          if (asMethod === 'GET') res.setHeader('cache-control', publicCacheControl);
          await sendBody(req, res, found.hit.body, { compress, validate: asMethod === 'GET' });
          return;
        }
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: asMethod, headers, search, body };
      let context: Context | undefined;
      // Stops the request's reads when the client leaves or the timeout passes (answered there).
      const lifetime = requestLifetime(res, deps.requestTimeoutMs ?? 10_000, () => !!context?.outcome.writes);
      const result = await lifetime.race(
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: async () => {
            context = createContext(em, auth, {
              locale: localeFromHeader(req.headers['accept-language']),
              requestId,
              viewer: await authenticate(em, auth, req.headers.authorization).catch((error) => {
                // A signed-in request needs its account: with the database away it cannot be checked.
                const failure = databaseFailure(error);
                if (!failure) throw error;
                const { message, extensions } = databaseError(failure);
                throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 503 } } });
              }),
              limits: deps.limits,
              publicUrl: images.publicUrl(),
              clientAddress: clientAddressOf(req, trust),
              signal: lifetime.signal,
              idempotency: keyed && { key: keyed.key, keys: idempotencyKeys },
            });
            return context;
          },
        }),
      );
      if (!result) return;
      for (const [key, value] of result.headers) {
        if (key === 'vary') addVary(res, value);
        else res.setHeader(key, value);
      }
      res.statusCode = result.status ?? 200;
      // GraphQL over HTTP: a document error in plain `application/json` is a well-formed answer, 200.
      if (
        res.statusCode === 400 &&
        context &&
        documentErrors.has(context.outcome) &&
        /^application\/json\b/i.test(String(result.headers.get('content-type') ?? ''))
      )
        res.statusCode = 200;
      // For the benchmark and for operators: how many SQL statements the read path issued.
      if (diagnostics && context) res.setHeader('x-sql-statements', String(context.stats.statements));
      const cacheable = !!context?.outcome.cacheable && res.statusCode === 200;
      const store = cacheKey && cacheable && result.body.kind === 'complete';
      if (cacheKey) res.setHeader('x-cache', store ? 'MISS' : 'BYPASS');
      // An anonymous read answered without errors: any cache may keep it, revalidating with its ETag.
      const publicRead = cacheable && asMethod === 'GET' && !req.headers.authorization;
      if (publicRead) res.setHeader('cache-control', publicCacheControl);
      if (result.body.kind === 'complete') {
        await sendBody(req, res, result.body.string, { compress, validate: publicRead });
        if (store) {
          await cache!.save(cacheKey, generation, {
            contentType: String(result.headers.get('content-type') ?? 'application/json'),
            body: result.body.string,
          });
        }
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendTooLarge(res, bodyLimit);
        return;
      }
      log({ level: 'error', message: 'http handler failed', stack: (error as Error).stack });
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [
            { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
          ],
        });
      } else {
        res.end();
      }
    }
  }
}

/** A search parameter's JSON value as a request body holds it (undefined when absent or not JSON: Apollo answers that). */
function searchJson(url: URL, name: string): unknown {
  const value = url.searchParams.get(name);
  if (!value) return undefined;
  try {
    return { [name]: JSON.parse(value) };
  } catch {
    return undefined;
  }
}

/**
 * A persisted-query hash that is not a string. Apollo looks the hash up as `'apq:' + hash`: an object
 * whose `toString` is no function (`{"toString": "…"}`) makes that throw, which Apollo answers 500.
 */
function badPersistedQueryHash(request: unknown): boolean {
  const extensions = (request as { extensions?: unknown } | null | undefined)?.extensions;
  const persisted = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (!persisted || typeof persisted !== 'object') return false;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return hash !== undefined && typeof hash !== 'string';
}

/** Room for a base64 spreadsheet of 5 MiB (importSpreadsheet). */
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_ANONYMOUS_MAX_BODY_BYTES = 256 * 1024;

function sendTooLarge(res: ServerResponse, limit: number) {
  sendJson(res, 413, {
    errors: [
      {
        message: `request body too large: at most ${limit} bytes (MAX_BODY_BYTES)`,
        extensions: { code: 'BAD_REQUEST', maxBodyBytes: limit },
      },
    ],
  });
}
