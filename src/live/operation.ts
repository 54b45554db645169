import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequest, GraphQLRequestContext } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { bodyOf } from '../graphql/allow-list.js';
import type { Context } from '../graphql/context.js';
import { AppError, ErrorCode } from '../graphql/errors.js';
import { documentSizeRule, type GuardOptions, guardsPlugin, withoutSuggestions } from '../graphql/guards.js';
import { inputChecksPlugin } from '../graphql/input-checks.js';
import { depthLimitPlugin } from '../graphql/limits.js';
import type { Logger } from '../logger.js';
import { formatError } from '../server.js';

/** What a client sends to subscribe (graphql-ws's and graphql-sse's request parameters). */
export interface SubscribeRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** A subscription that passed every check, ready for the hub (`LiveHub.open`). */
export interface CheckedSubscription {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  /** The variables as sent (execution coerces them again, as for a query). */
  variables: Record<string, unknown>;
  /** The operation's normalised text, its name and its coerced variables: the part of the hub's key the request gives. */
  requestKey: string;
}

/** The checks of the query path, for subscription operations (see `subscriptionChecks`). */
export interface OperationChecks {
  /**
   * The operation of `request` after the checks a query gets over HTTP, in the same order: the
   * allow list's registered ids, parse (MAX_TOKENS), document size and validation, depth, input
   * checks, cost and allow list (refusing anonymous callers' unregistered operations), the rate
   * limiter (charged once, at subscribe), and the variables coerced. Errors come back as GraphQLErrors
   * to be formatted by `format`.
   */
  check(request: SubscribeRequest, ctx: Context): Promise<CheckedSubscription | { errors: GraphQLError[] }>;
  /** Errors as the caller sees them: the HTTP path's formatting (internal ones masked and logged). */
  format(errors: readonly GraphQLError[], ctx?: { requestId?: string }): GraphQLFormattedError[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with the keys of every object sorted: equal values, equal text (the hub's keys). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

const refusal = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...details } });

/**
 * The checks of `createApollo` (server.ts) for subscriptions, sharing its plugins and rules: the
 * same plugin objects are given each request's context as Apollo gives it theirs, so a change to a
 * limit applies to both paths.
 */
export function subscriptionChecks(options: {
  schema: GraphQLSchema;
  maxQueryDepth: number;
  maxTokens: number;
  guards: GuardOptions;
  introspection: boolean;
  log: Logger;
}): OperationChecks {
  const { schema, log } = options;
  const plugins: ApolloServerPlugin<Context>[] = [
    depthLimitPlugin(options.maxQueryDepth),
    inputChecksPlugin(),
    guardsPlugin(options.guards),
  ];
  const rules = [documentSizeRule(options.guards.limits), ...specifiedRules];

  function format(errors: readonly GraphQLError[], ctx?: { requestId?: string }): GraphQLFormattedError[] {
    return errors.map((error) => {
      // A refusal reported as it is (an AppError, not wrapped by execution or validation).
      const own = error instanceof AppError && !error.originalError;
      let formatted: GraphQLFormattedError;
      if (own) {
        const { http: _http, ...extensions } = error.extensions;
        formatted = { message: error.message, extensions };
      } else {
        const json = error.toJSON();
        const { http: _http, ...extensions } = json.extensions ?? {};
        formatted = formatError({ ...json, extensions }, error);
      }
      if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)
        log({
          level: 'error',
          requestId: ctx?.requestId,
          message: error.message,
          path: error.path,
          stack: (error.originalError ?? error).stack,
        });
      return options.introspection ? formatted : withoutSuggestions(formatted);
    });
  }

  async function check(
    sent: SubscribeRequest,
    ctx: Context,
  ): Promise<CheckedSubscription | { errors: GraphQLError[] }> {
    const fail = (...errors: GraphQLError[]) => ({ errors });
    const { operationName, variables, extensions } = sent;
    if (operationName != null && typeof operationName !== 'string')
      return fail(refusal('BAD_REQUEST', 'operationName must be a string'));
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
      return fail(refusal('BAD_REQUEST', 'variables must be an object'));
    if (extensions != null && (typeof extensions !== 'object' || Array.isArray(extensions)))
      return fail(refusal('BAD_REQUEST', 'extensions must be an object'));
    const request: GraphQLRequest = {
      // An empty text with a registered operation's id asks for that operation (graphql-ws wants a string).
      query: typeof sent.query === 'string' && sent.query !== '' ? sent.query : undefined,
      operationName: operationName ?? undefined,
      variables: (variables ?? undefined) as Record<string, unknown> | undefined,
      extensions: (extensions ?? undefined) as Record<string, unknown> | undefined,
    };
    // Apollo hands plugins more than these; ours read only the request, schema, document and context.
    const requestContext = {
      request,
      contextValue: ctx,
      schema,
    } as unknown as GraphQLRequestContext<Context>;
    const listeners = [];
    for (const plugin of plugins) listeners.push(await plugin.requestDidStart?.(requestContext));
    if (typeof request.query !== 'string')
      return fail(
        refusal(
          'BAD_REQUEST',
          'query must be the text of a subscription (or empty, with extensions.persistedQuery.sha256Hash the id of a registered operation)',
        ),
      );
    let document: DocumentNode;
    try {
      document = parse(request.query, { maxTokens: options.maxTokens });
    } catch (error) {
      const syntax = error as GraphQLError;
      return fail(
        new GraphQLError(syntax.message, {
          source: syntax.source,
          positions: syntax.positions,
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
      );
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length)
      return fail(
        ...invalid.map((e) =>
          e instanceof AppError
            ? e
            : new GraphQLError(e.message, {
                nodes: e.nodes,
                originalError: e.originalError,
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
        ),
      );
    const operation = getOperationAST(document, request.operationName);
    if (!operation)
      return fail(
        refusal(
          'OPERATION_RESOLUTION_FAILURE',
          request.operationName
            ? `Unknown operation named ${JSON.stringify(request.operationName.slice(0, 100))}.`
            : 'Must provide operation name if query contains multiple operations.',
        ),
      );
    if (operation.operation !== 'subscription')
      return fail(
        refusal(
          'BAD_REQUEST',
          `Only subscriptions are served here; send a ${operation.operation} over HTTP (POST /graphql).`,
        ),
      );
    const checkContext = { ...requestContext, document, operation, operationName: request.operationName };
    try {
      for (const listener of listeners) await listener?.didResolveOperation?.(checkContext as never);
    } catch (error) {
      if (error instanceof GraphQLError) return fail(error);
      throw error;
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
      maxErrors: 20,
    });
    if (coerced.errors)
      return fail(
        ...coerced.errors.map((e) => {
          const name = /^Variable "\$(\w+)"/.exec(e.message)?.[1];
          return new GraphQLError(e.message, {
            nodes: e.nodes,
            extensions: { code: ErrorCode.BAD_USER_INPUT, ...(name ? { variable: name } : {}) },
          });
        }),
      );
    return {
      document,
      operation,
      operationName: request.operationName,
      variables: request.variables ?? {},
      requestKey: sha256(
        [bodyOf(document, operation), request.operationName ?? '', stableJson(coerced.coerced)].join('\0'),
      ),
    };
  }

  return { check, format };
}
