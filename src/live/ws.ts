import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExecutionArgs, GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import type { CorsOrigins } from '../cors.js';
import { createContext, type InputLimits } from '../graphql/context.js';
import { AppError, ErrorCode } from '../graphql/errors.js';
import { clientAddressOf, type TrustProxy } from '../graphql/guards.js';
import type { Locale } from '../graphql/locale.js';
import { localeFromHeader } from '../graphql/locale.js';
import { anonymous, type Viewer } from '../graphql/viewer.js';
import type { Logger } from '../logger.js';
import type { AuthSettings } from '../modules/user/auth.js';
import type { LiveHub, LiveStream } from './hub.js';
import type { OperationChecks } from './operation.js';
import { type ConnectionCounter, originAllowed, viewerOf, watchSession } from './session.js';

/** Where WebSocket clients connect (the GraphQL endpoint's path, protocol graphql-transport-ws). */
export const WS_PATH = '/graphql';
/** The server pings each socket this often and drops one that has not answered the last ping. */
const KEEPALIVE_MS = 12_000;
/** On shutdown, sockets still open this long after their close frame are cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Close codes of this server besides graphql-ws's own (4400 bad message, 4403 forbidden, 4406
 * subprotocol, 4408 no connection_init in time, 4409 duplicate id, 4429 second connection_init):
 * 4401 the token is invalid, expired or revoked (sign in again); 4429 too many connections from this
 * client; 1001 the server is going away (reconnect); 1009 a message over LIVE_MAX_MESSAGE_BYTES;
 * 1013 the database could not check the token (retry later).
 */
export const LiveCloseCode = {
  Unauthorized: CloseCode.Unauthorized,
  TooManyConnections: 4429,
  GoingAway: 1001,
  TryAgainLater: 1013,
} as const;

/** A close frame's reason holds at most 123 bytes. */
const reason = (text: string) => {
  const bytes = Buffer.from(text);
  return bytes.length <= 123
    ? text
    : `${bytes
        .subarray(0, 119)
        .toString('utf8')
        .replace(/\uFFFD*$/, '')}…`;
};

/** What the WebSocket transport needs. */
export interface WebSocketDeps {
  schema: GraphQLSchema;
  em: EntityManager;
  auth: AuthSettings;
  log: Logger;
  checks: OperationChecks;
  hub: LiveHub;
  counter: ConnectionCounter;
  origins: CorsOrigins;
  trust?: TrustProxy;
  limits?: InputLimits;
  maxMessageBytes: number;
  subscriptionsPerConnection: number;
  /** How often a signed-in connection's account is checked again. */
  recheckMs: number;
  /** Anonymous error texts and close reasons in production (graphql-ws's own failures). */
  production: boolean;
}

/** A connection's caller, known from its upgrade request and connection_init. */
interface Connection {
  clientAddress: string;
  locale: Locale;
  viewer: Viewer;
  unwatch: () => void;
}

/**
 * GraphQL over WebSocket (graphql-ws, subprotocol graphql-transport-ws) on the HTTP server's
 * upgrades to `/graphql`. Subscriptions only (queries and mutations go over HTTP, where caching,
 * idempotency and the request timeout apply).
 */
export function webSocketTransport(deps: WebSocketDeps) {
  const { hub, checks, counter } = deps;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.maxMessageBytes,
    perMessageDeflate: false,
  });
  const connections = new WeakMap<WebSocket, Connection>();
  /** The stream each accepted subscription's arguments stand for (graphql-ws hands them to `subscribe`). */
  const streams = new WeakMap<object, LiveStream>();

  const connectionOf = (extra: Extra) => connections.get(extra.socket)!;

  useServer<Record<string, unknown> | undefined>(
    {
      isProd: deps.production,
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        const connection = connectionOf(ctx.extra);
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization ?? request.headers.authorization;
        try {
          connection.viewer = await viewerOf(deps.em, deps.auth, authorization);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const code =
            error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE
              ? LiveCloseCode.TryAgainLater
              : LiveCloseCode.Unauthorized;
          socket.close(code, reason(error.message));
          return false;
        }
        connection.unwatch = watchSession(
          deps.em,
          deps.auth,
          authorization as string | undefined,
          connection.viewer,
          deps.recheckMs,
          (message) => socket.close(LiveCloseCode.Unauthorized, reason(message)),
        );
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const connection = connectionOf(ctx.extra);
        const open = Object.keys(ctx.subscriptions).length;
        if (open > deps.subscriptionsPerConnection)
          return [
            new AppError(
              ErrorCode.COST_LIMIT_EXCEEDED,
              `This connection holds ${deps.subscriptionsPerConnection} subscriptions, the most it may (SUBSCRIPTIONS_PER_CONNECTION); complete one first, or open another connection.`,
              { limit: 'SUBSCRIPTIONS_PER_CONNECTION', max: deps.subscriptionsPerConnection },
            ),
          ];
        const context = createContext(deps.em, deps.auth, {
          viewer: connection.viewer,
          locale: connection.locale,
          clientAddress: connection.clientAddress,
          limits: deps.limits,
        });
        const checked = await checks.check(payload, context);
        if ('errors' in checked) return checked.errors;
        const opened = await hub.open(checked, connection);
        if ('errors' in opened) return [...opened.errors];
        const args: ExecutionArgs = {
          schema: deps.schema,
          document: checked.document,
          operationName: checked.operationName,
          variableValues: checked.variables,
          contextValue: context,
          rootValue: null,
        };
        streams.set(args, opened);
        return args;
      },
      subscribe(args) {
        return (
          streams.get(args) ?? {
            errors: [new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'lost subscription')],
          }
        );
      },
      onNext(_ctx, _id, _payload, args, result) {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as { requestId?: string } | undefined)?.requestId;
        return { ...result, errors: checks.format(result.errors, { requestId }) };
      },
      onError(_ctx, _id, _payload, errors) {
        return checks.format(errors);
      },
      onClose(ctx) {
        connections.get(ctx.extra.socket)?.unwatch();
      },
    },
    wss,
    KEEPALIVE_MS,
  );

  /** Answers an upgrade with an HTTP error and closes the socket (no WebSocket was opened). */
  function refuse(socket: Duplex, status: number, message: string, code: string) {
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  return {
    /** Takes an upgrade request: refused off `/graphql` and from foreign origins, else a WebSocket. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      socket.on('error', () => {});
      const target = req.url ?? '/';
      const path = target.includes('?') ? target.slice(0, target.indexOf('?')) : target;
      if (path !== WS_PATH) {
        refuse(socket, 404, `WebSocket subscriptions are served at ${WS_PATH}`, 'NOT_FOUND');
        return;
      }
      if (!originAllowed(deps.origins, req.headers.origin)) {
        refuse(
          socket,
          403,
          `origin ${JSON.stringify(req.headers.origin).slice(0, 200)} may not open a WebSocket to this API (CORS_ORIGINS)`,
          ErrorCode.FORBIDDEN,
        );
        return;
      }
      const clientAddress = clientAddressOf(req, deps.trust);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const release = counter.acquire(clientAddress);
        if (!release) {
          ws.close(
            LiveCloseCode.TooManyConnections,
            reason(`Too many connections from this client: at most ${counter.max} (CONNECTIONS_PER_CLIENT)`),
          );
          return;
        }
        ws.once('close', release);
        // A client's protocol error (a frame over maxPayload, a bad opcode): ws closes the socket with
        // its status (1009, 1002) by itself; graphql-ws would also log it as an internal error.
        const emit = ws.emit.bind(ws);
        ws.emit = (event: string | symbol, ...args: unknown[]) =>
          event === 'error' && /^WS_ERR_/.test(String((args[0] as { code?: unknown } | undefined)?.code))
            ? true
            : emit(event, ...args);
        connections.set(ws, {
          clientAddress,
          locale: localeFromHeader(req.headers['accept-language']),
          viewer: anonymous,
          unwatch: () => {},
        });
        wss.emit('connection', ws, req);
      });
    },

    /** Open sockets now. */
    get size(): number {
      return wss.clients.size;
    },

    /** Closes every socket with 1001 (going away: clients reconnect, to another instance or after the restart). */
    async close(): Promise<void> {
      const open = [...wss.clients];
      await Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) return resolve();
              const cut = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
              ws.once('close', () => {
                clearTimeout(cut);
                resolve();
              });
              ws.close(LiveCloseCode.GoingAway, 'The server is going away; reconnect');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
