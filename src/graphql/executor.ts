import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  type OperationDefinitionNode,
  typeFromAST,
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
    const type = typeFromAST(schema, v.type as never);
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

/**
 * graphql-jit answers variables it cannot coerce (missing, wrongly typed, unknown enum value) with
 * errors and no data, before running anything; unlike graphql-js's, its errors carry no AST node,
 * so Apollo does not recognise them as the caller's mistake. They become BAD_USER_INPUT naming the
 * variable, located at its definition.
 */
function variableErrors(
  operation: OperationDefinitionNode,
  errors: readonly GraphQLError[],
): ExecutionResult {
  return {
    errors: errors.map((error) => {
      const name = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
      const definition = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
      return new GraphQLError(error.message, {
        nodes: definition,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(name ? { variable: name } : {}) },
      });
    }),
  };
}

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
    if (query === INTERPRETED) {
      return execute({
        schema,
        document,
        operationName: request.operationName,
        contextValue: request.context,
        variableValues: request.request.variables,
      });
    }
    if (!isCompiledQuery(query)) return query;
    const result = query.query(undefined, request.context, request.request.variables ?? {});
    if (!(result instanceof Promise) && !('data' in result) && result.errors) {
      return variableErrors(operation, result.errors);
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
