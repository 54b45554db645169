import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  coerceInputValue,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isInputType,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
  type VariableDefinitionNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from './context.js';
import { ErrorCode } from './errors.js';
import { runIdempotent } from './write/idempotency.js';

/** Marks operations run by graphql-js itself. */
const INTERPRETED: ExecutionResult = {};

/**
 * Whether an operation takes input objects as variables (`$where: VillageWhere`, `$input: …`).
 * graphql-jit generates the coercion of such variables inline, and our `where` inputs nest into each
 * other (and, or, not, relations): the generated code grows without bound (graphql-jit issue #81).
 * Those operations run on graphql-js; the hot reads take scalars, ids and enums.
 */
function takesInputObjects(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type);
    return !type || isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit's errors for a resolver's plain Error carry no `extensions`, which Apollo's error
 * formatting expects (it then answers a bare "Internal server error" without calling formatError):
 * rebuild those as graphql-js does, keeping the original error.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((e) => !e.extensions)) return result;
  return {
    ...result,
    errors: result.errors.map((e) =>
      e.extensions
        ? e
        : new GraphQLError(e.message, { nodes: e.nodes, path: e.path, originalError: e.originalError }),
    ),
  };
}

/** A path into an input value as graphql-js prints it: `.field` and `[index]`. */
const pathText = (path: readonly (string | number)[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');

/**
 * Variables that cannot be coerced (missing, wrongly typed, unknown enum value or input field, at any
 * depth of an input object) are answered, before anything runs, with errors and no data: by
 * graphql-jit without an AST node, so Apollo does not recognise them as the caller's mistake; by
 * graphql-js (operations that take input objects) with one, but without the variable's name. Both
 * become BAD_USER_INPUT with `variable` (its name) and `field` (the path to the bad value,
 * `$w.and[0].name.contains`), located at the variable's definition. The paths come from coercing the
 * variable's value again (only on this error path), not from the message, which quotes the value.
 */
function variableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  errors: readonly GraphQLError[],
): ExecutionResult {
  const paths = new Map<string, string[]>();
  const pathsOf = (name: string, definition: VariableDefinitionNode) => {
    let found = paths.get(name);
    if (!found) {
      found = [];
      const type = typeFromAST(schema, definition.type);
      const value = variables?.[name];
      if (type && isInputType(type) && value != null) {
        const bad = found;
        try {
          coerceInputValue(value, type, (path) => bad.push(pathText(path)));
        } catch {
          // Paths are a courtesy: the error is answered without them.
        }
      }
      paths.set(name, found);
    }
    return found;
  };
  return {
    errors: errors.map((error) => {
      const node = error.nodes?.[0];
      const name =
        node?.kind === Kind.VARIABLE_DEFINITION
          ? node.variable.name.value
          : /^Variable "\$(\w+)"/.exec(error.message)?.[1];
      const definition = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
      const path =
        name && definition && / got invalid value /.test(error.message)
          ? pathsOf(name, definition).shift()
          : '';
      return new GraphQLError(error.message, {
        nodes: definition,
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          ...(name ? { variable: name, field: `$${name}${path ?? ''}` } : {}),
        },
      });
    }),
  };
}

/** Errors and no data: execution did not start (the variables could not be coerced). */
const refusedVariables = (result: ExecutionResult) => !('data' in result) && !!result.errors?.length;

/**
 * Operations compiled to JavaScript by graphql-jit, once per parsed document and operation name:
 * Apollo hands repeated requests the same parsed document, so a query is compiled on its first
 * request and then runs as straight-line code (no per-field lookups of the schema, arguments
 * coerced once per request, sync fields without promises).
 */
function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const run: GatewayExecutor = async (request) => {
    const document = request.document!;
    const operation = request.operation;
    // No operation to run (several without operationName, an unknown operationName): graphql-js
    // answers with the error naming the problem, which Apollo returns as OPERATION_RESOLUTION_FAILURE.
    // (`request.operationName` is the resolved operation's name, null here: the asked one is on `request.request`.)
    if (!operation) return execute({ schema, document, operationName: request.request.operationName });
    if (operation.operation === 'subscription' && schema.getSubscriptionType()) {
      return {
        errors: [
          new GraphQLError(
            'Subscriptions are not answered over plain HTTP requests: subscribe over WebSocket (graphql-transport-ws protocol, path /graphql) or Server-Sent Events (graphql-sse, POST /graphql/stream).',
            { nodes: operation, extensions: { code: 'BAD_REQUEST' } },
          ),
        ],
      };
    }
    if (!schema.getRootType(operation.operation)) {
      return {
        errors: [
          new GraphQLError(`this API has no ${operation.operation} operations`, {
            nodes: operation,
            extensions: { code: 'BAD_REQUEST' },
          }),
        ],
      };
    }
    const name = request.operationName ?? '';
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    let query = byName.get(name);
    if (!query && takesInputObjects(schema, operation)) query = INTERPRETED;
    if (!query) {
      query = compileQuery(schema, document, request.operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      byName.set(name, query);
    }
    const variables = request.request.variables;
    if (query === INTERPRETED) {
      const result = await execute({
        schema,
        document,
        operationName: request.operationName,
        contextValue: request.context,
        variableValues: variables,
      });
      return refusedVariables(result) ? variableErrors(schema, operation, variables, result.errors!) : result;
    }
    if (!isCompiledQuery(query)) return query;
    const result = query.query(undefined, request.context, variables ?? {});
    if (!(result instanceof Promise) && refusedVariables(result)) {
      return variableErrors(schema, operation, variables, result.errors!);
    }
    return result instanceof Promise ? result.then(withExtensions) : withExtensions(result);
  };
  // A mutation sent with an Idempotency-Key runs in the transaction that stores its answer.
  return (request) => {
    const ctx = request.context as Context;
    if (!ctx.idempotency || request.operation?.operation !== 'mutation') return run(request);
    return runIdempotent(
      ctx,
      {
        document: request.document,
        operationName: request.request.operationName ?? null,
        variables: request.request.variables,
      },
      () => run(request),
    );
  };
}

/**
 * Apollo Server's documented hook for a custom executor is its `gateway` option (the `executor`
 * option of Apollo Server 3 moved there): this gateway serves one fixed schema and executes with
 * graphql-jit.
 */
export function compiledGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    async load() {
      return { executor: compiledExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
