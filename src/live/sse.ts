import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { createHandler, type Response as SseResponse } from 'graphql-sse';
import type { CorsOrigins } from '../cors.js';
import { type Context, createContext, type InputLimits } from '../graphql/context.js';
import { AppError, answerOf, ErrorCode } from '../graphql/errors.js';
import { clientAddressOf, type TrustProxy } from '../graphql/guards.js';
import { localeFromHeader } from '../graphql/locale.js';
import { BodyTooLargeError, readBody, sendJson } from '../http.js';
import type { AuthSettings } from '../modules/user/auth.js';
import type { LiveHub } from './hub.js';
import type { OperationChecks } from './operation.js';
import { type ConnectionCounter, originAllowed, viewerOf, watchSession } from './session.js';

/** What the event-stream transport needs. */
export interface EventStreamDeps {
  em: EntityManager;
  auth: AuthSettings;
  checks: OperationChecks;
  hub: LiveHub;
  counter: ConnectionCounter;
  origins: CorsOrigins;
  trust?: TrustProxy;
  limits?: InputLimits;
  maxMessageBytes: number;
  /** How often a signed-in stream's account is checked again. */
  recheckMs: number;
}

/** Answers written but not yet taken by a stream's reader, past which the stream is closed. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What one stream request carries through graphql-sse's handler. */
interface StreamRequest {
  context: Context;
  /** Ends the subscription early (token expired or revoked) with an error as its last event. */
  end?: (message: string) => void;
}

/** The HTTP status of a refusal: its first error's code, as the HTTP path answers it. */
function statusOf(errors: readonly GraphQLFormattedError[]): number {
  const code = errors[0]?.extensions?.code;
  if (typeof code === 'string' && code in ErrorCode) return answerOf(code as ErrorCode).status;
  return 400;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SseResponse => [
  JSON.stringify(body),
  {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  },
];

/**
 * GraphQL over Server-Sent Events (graphql-sse, "distinct connections" mode: one request, one
 * subscription, one stream) at `/graphql/stream`: POST (or GET) with `Accept: text/event-stream`
 * and the Authorization header of the HTTP path. Refusals before the stream opens are JSON answers
 * with the HTTP path's statuses; errors of a running subscription are `next` events.
 */
export function eventStreamTransport(deps: EventStreamDeps) {
  const { checks, hub, counter } = deps;
  const handler = createHandler<IncomingMessage, StreamRequest>({
    // No stream tokens: only distinct connections (a reservation would outlive its request unbounded).
    authenticate: () => null,
    async onSubscribe(req, params) {
      const state = req.context;
      const checked = await checks.check(params, state.context);
      let errors: readonly GraphQLError[];
      if ('errors' in checked) {
        errors = checked.errors;
      } else {
        const { viewer, locale, clientAddress } = state.context;
        const opened = await hub.open(checked, { viewer, locale, clientAddress });
        if (!('errors' in opened)) {
          state.end = (message) => opened.finish(unauthenticated(message));
          return opened;
        }
        errors = opened.errors;
      }
      const formatted = checks.format(errors, state.context);
      const retryAfter = formatted[0]?.extensions?.retryAfter;
      return json(
        statusOf(formatted),
        { errors: formatted },
        typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {},
      );
    },
    onNext(_ctx, _req, result) {
      if (!result.errors?.length) return;
      // Sent as JSON: formatted errors in place of the GraphQLErrors graphql-sse's types expect.
      return { ...result, errors: checks.format(result.errors as GraphQLError[]) as never };
    },
  });

  /** Requests being answered: shutdown waits for their streams to end (so their connections fall idle). */
  const active = new Set<Promise<void>>();

  return {
    serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const answering = answer(req, res).finally(() => active.delete(answering));
      active.add(answering);
      return answering;
    },
    /** Resolves once every request being answered is (its stream ended by `LiveHub.close`). */
    async drain(): Promise<void> {
      await Promise.allSettled([...active]);
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'POST' && method !== 'GET') {
      res.setHeader('allow', 'GET, POST');
      sendJson(
        res,
        405,
        refusal('BAD_REQUEST', `${method} is not served here: POST a subscription (or GET it)`),
      );
      return;
    }
    if (!/\btext\/event-stream\b/i.test(req.headers.accept ?? '')) {
      sendJson(
        res,
        406,
        refusal(
          'BAD_REQUEST',
          'This is GraphQL over Server-Sent Events: send Accept: text/event-stream (queries and mutations go to /graphql)',
        ),
      );
      return;
    }
    if (!originAllowed(deps.origins, req.headers.origin)) {
      sendJson(res, 403, refusal(ErrorCode.FORBIDDEN, 'this origin may not call this API (CORS_ORIGINS)'));
      return;
    }
    const clientAddress = clientAddressOf(req, deps.trust);
    const release = counter.acquire(clientAddress);
    if (!release) {
      res.setHeader('retry-after', '5');
      sendJson(
        res,
        429,
        refusal(
          ErrorCode.RATE_LIMITED,
          `Too many connections from this client: at most ${counter.max} (CONNECTIONS_PER_CLIENT)`,
        ),
      );
      return;
    }
    res.once('close', release);
    let viewer: Awaited<ReturnType<typeof viewerOf>>;
    try {
      viewer = await viewerOf(deps.em, deps.auth, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const code = error.extensions.code as ErrorCode;
      sendJson(res, answerOf(code).status, {
        errors: [{ message: error.message, extensions: error.extensions }],
      });
      return;
    }
    let body: string | null = null;
    if (method === 'POST') {
      try {
        body = await readBody(req, deps.maxMessageBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        sendJson(
          res,
          413,
          refusal(
            'BAD_REQUEST',
            `request body too large: at most ${error.limit} bytes (LIVE_MAX_MESSAGE_BYTES)`,
          ),
        );
        return;
      }
    }
    const state: StreamRequest = {
      context: createContext(deps.em, deps.auth, {
        viewer,
        clientAddress,
        locale: localeFromHeader(req.headers['accept-language']),
        limits: deps.limits,
      }),
    };
    const unwatch = watchSession(
      deps.em,
      deps.auth,
      req.headers.authorization,
      viewer,
      deps.recheckMs,
      (message) => state.end?.(message),
    );
    res.once('close', unwatch);
    const [stream, init] = await handler({
      method,
      url: req.url ?? '/',
      headers: {
        // graphql-sse takes an event stream only for exactly this Accept (checked above).
        get: (key) => (key === 'accept' ? 'text/event-stream' : headerText(req.headers[key])),
      },
      body,
      raw: req,
      context: state,
    });
    for (const [key, value] of Object.entries(init.headers ?? {})) res.setHeader(key, value);
    if (!stream || typeof stream === 'string') {
      res.statusCode = init.status;
      res.end(stream ?? undefined);
      return;
    }
    res.setHeader('x-accel-buffering', 'no');
    res.writeHead(init.status);
    const stop = () => void stream.return(undefined);
    res.once('close', stop);
    for await (const chunk of stream) {
      if (!res.writable) break;
      res.write(chunk);
      // A reader that does not keep up is cut off (it may subscribe again and get the current value).
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        break;
      }
    }
    res.off('close', stop);
    res.end();
  }
}

const headerText = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;

const refusal = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

const unauthenticated = (message: string) => ({
  errors: [new AppError(ErrorCode.UNAUTHENTICATED, message)],
});
