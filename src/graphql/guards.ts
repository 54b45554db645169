import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { AllowList } from './allow-list.js';
import type { Context } from './context.js';
import { type CostLimits, type CostPlan, checkDocumentSize, costWith, plan } from './cost.js';
import { AppError, answerOf, ErrorCode, requestError } from './errors.js';
import type { Throttles } from './rate-limit.js';

/** The per-request limits Apollo enforces before execution (see `guardsPlugin`). */
export interface GuardOptions {
  limits: CostLimits;
  /**
   * Most lexical tokens a document may have, refused by the parser: graphql-js's validation of a new
   * document takes ~0.3 ms per aliased field, before any plugin sees it.
   */
  maxTokens?: number;
  /** Cost-based rate limiting (absent: none). */
  throttles?: Throttles;
  /**
   * With ALLOW_LIST=1: the only operations anonymous callers may run; any caller may ask for one by
   * its manifest id alone (`extensions.persistedQuery.sha256Hash`).
   */
  allowList?: AllowList;
  /**
   * Anonymous answers are stored in the response cache and served to others later: their
   * `extensions.cost` then leaves out `remaining`, which the RateLimit-Remaining header carries.
   */
  sharedAnswers?: boolean;
}

/**
 * What an answer actually cost in the estimate's unit for objects: the objects it holds (lists as
 * many as they returned, not the page size asked for; the fixed weights of root fields are not
 * counted). One pass over the answer, no recursion.
 */
export function objectsIn(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    if (value !== data) count++;
    for (const key in value) stack.push((value as Record<string, unknown>)[key]);
  }
  return count;
}

const NOTHING_TO_VALIDATE: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/**
 * A validation rule that refuses a document too large to validate (`checkDocumentSize`: fields,
 * aliases, repeats of one response name) before the other rules look at it. Apollo runs its rules
 * after graphql-js's own, all in one walk; the document is the first node every rule enters, and
 * answering it with an empty document (a visitor's edit, which graphql-js's walk then follows) leaves
 * the other rules nothing to compare. The refusal is the only validation error; `formatError` gives
 * it back its own code (COST_LIMIT_EXCEEDED).
 */
export function documentSizeRule(limits: CostLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      try {
        checkDocumentSize(document, limits);
        return undefined;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        context.reportError(error);
        return NOTHING_TO_VALIDATE;
      }
    },
  });
}

/** A planned operation, or why it was refused (a repeated hostile document is refused without a new walk). */
type Planned = CostPlan | AppError;

/**
 * Before an operation runs: anonymous callers are held to the allow list (when on); its cost is
 * estimated (once per parsed operation: Apollo hands repeated requests the same document), refused
 * over the limit or when it has too many fields or aliases, and charged to the caller's rate limit.
 * Every answer carries `extensions.cost` (`requested`, `limit`, and while the rate limiter is on,
 * `remaining` points of the window) and the `RateLimit-Limit`/`-Remaining`/`-Reset` headers.
 */
export function guardsPlugin(options: GuardOptions): ApolloServerPlugin<Context> {
  const { limits, throttles, allowList } = options;
  const plans = new WeakMap<OperationDefinitionNode, Planned>();
  // One listener for every request: its hooks read the request from their argument.
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation({ schema, document, operation, contextValue, request }) {
      if (!operation) return;
      if (operation.operation === 'mutation') contextValue.outcome.writes = true;
      const viewer = contextValue.viewer;
      const anonymous = viewer.kind === 'anonymous';
      if (allowList && anonymous && !allowList.allows(document, operation)) {
        throw requestError(
          ErrorCode.FORBIDDEN,
          "Only the project's registered operations may be run without signing in (ALLOW_LIST=1).",
        );
      }
      let planned = plans.get(operation);
      if (!planned) {
        try {
          planned = plan(schema, document, operation, limits);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          planned = error;
        }
        plans.set(operation, planned);
      }
      if (planned instanceof AppError) throw planned;
      const requested = costWith(planned, request.variables);
      contextValue.cost = { requested, limit: limits.maxCost };
      if (requested > limits.maxCost) {
        throw requestError(
          ErrorCode.COST_LIMIT_EXCEEDED,
          `The operation would cost ${requested} points; the maximum is ${limits.maxCost}. Ask for smaller pages (first/last), fewer nested lists or fewer aliases.`,
          { cost: requested, maxCost: limits.maxCost },
        );
      }
      if (throttles) {
        const client = viewer.kind === 'user' ? `user:${viewer.userId}` : `ip:${contextValue.clientAddress}`;
        contextValue.cost.allowance = await throttles.charge(client, requested);
      }
    },
    async willSendResponse({ contextValue, response }) {
      const cost = contextValue.cost;
      if (!cost) return;
      const allowance = cost.allowance;
      if (allowance) {
        response.http.headers.set('ratelimit-limit', String(allowance.limit));
        response.http.headers.set('ratelimit-remaining', String(allowance.remaining));
        response.http.headers.set('ratelimit-reset', String(allowance.resetSeconds));
      }
      if (response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      const shared = options.sharedAnswers && contextValue.viewer.kind === 'anonymous';
      const actual = objectsIn(result.data);
      result.extensions = {
        ...result.extensions,
        cost:
          allowance && !shared
            ? { requested: cost.requested, actual, limit: cost.limit, remaining: allowance.remaining }
            : { requested: cost.requested, actual, limit: cost.limit },
      };
    },
  };
  return {
    async requestDidStart({ request }) {
      // A registered operation asked for by its manifest id alone: its text, which Apollo then checks
      // against the hash (and keeps as an automatic persisted query) like any text sent with its hash.
      if (allowList && request.query === undefined) {
        const body = allowList.bodyOf(request.extensions?.persistedQuery?.sha256Hash);
        if (body !== undefined) request.query = body;
      }
      return listener;
    },
  };
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** In production graphql-js's "Did you mean …" suggestions would map the schema for a caller without introspection. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/**
 * A request's lifetime: an AbortSignal that fires when the client disconnects before its answer, or
 * when the request runs past `timeoutMs`. The read path stops issuing statements once it has fired
 * (`ctx.signal`); `race` answers REQUEST_TIMEOUT (HTTP 503) at the timeout and resolves to undefined,
 * letting the stopped work wind down unanswered. A write (`writes()` true by then) is let finish and
 * answered: a caller told "timed out" must be able to trust that nothing was written, and a
 * transaction's statements are bounded by PostgreSQL's statement_timeout.
 */
export function requestLifetime(res: ServerResponse, timeoutMs: number, writes: () => boolean = () => false) {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableEnded)
      controller.abort(
        new AppError(ErrorCode.REQUEST_TIMEOUT, 'The client closed the connection; the request was stopped.'),
      );
  };
  res.once('close', onClose);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      if (writes()) return;
      const error = new AppError(
        ErrorCode.REQUEST_TIMEOUT,
        `The request ran longer than ${timeoutMs} ms and was stopped; ask for less (smaller pages, fewer fields) or retry later.`,
        { timeoutMs },
      );
      controller.abort(error);
      if (!res.headersSent) {
        res.writeHead(answerOf(ErrorCode.REQUEST_TIMEOUT).status, {
          'content-type': 'application/json',
          'retry-after': '1',
        });
        res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      }
      resolve(undefined);
    }, timeoutMs);
  });
  return {
    signal: controller.signal,
    /** The work's result, or undefined when the request timed out or the client left (already answered). */
    async race<T>(work: Promise<T>): Promise<T | undefined> {
      try {
        const result = await Promise.race([work, timedOut]);
        return controller.signal.aborted ? undefined : result;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Whether the hop at this address (the socket's is hop 0) is a proxy whose X-Forwarded-For is believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUST_PROXY's entries compiled by proxy-addr; undefined (trust none) when there are none. */
export const trustProxy = (entries: readonly string[] = []): TrustProxy | undefined =>
  entries.length ? proxyaddr.compile([...entries]) : undefined;

/**
 * The caller's address, which the rate limiter and sign-in throttling count by. Without trusted
 * proxies, the socket's: X-Forwarded-For is ignored, or a caller could rotate it to escape the limits.
 * With them, proxy-addr walks X-Forwarded-For from the right, from the socket's address, while the hop
 * is trusted: the first untrusted one is the caller (entries left of it, which the caller could have
 * written, are never read). An entry there that is no IP address (a port, a name, junk the proxy passed
 * on) is not used as a key: the trusted proxy that sent it is counted instead.
 */
export function clientAddressOf(req: IncomingMessage, trust?: TrustProxy): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (!trust) return callerKey(socket);
  const hops = proxyaddr.all(req, trust);
  const client = hops.at(-1);
  if (client && isIP(client)) return callerKey(client);
  return callerKey(hops.at(-2) ?? socket);
}

/**
 * The key a caller's address counts under: an IPv4 address as itself, also when it comes mapped into
 * IPv6 (`::ffff:203.0.113.7`, how a dual-stack socket reports it), so one caller is one key; an IPv6
 * address by its /64 network, which one subscriber is given whole (RFC 6177) and could otherwise
 * rotate through to escape the limits. Anything else (no address) as it is.
 */
export function callerKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `${network.toString()}/64`;
}
