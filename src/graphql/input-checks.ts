import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Context } from './context.js';
import { ErrorCode } from './errors.js';
import { checkWhere } from './read/where-limits.js';

/**
 * Nesting of objects and lists in one input value (a variable or a literal). graphql-js coerces
 * input recursively: thousands of levels overflow the stack (a masked 500). The deepest input the
 * schema needs is a `where` at its depth limit, a dozen levels.
 */
export const MAX_INPUT_NESTING = 64;

const refuse = (message: string, field: string, details: Record<string, unknown> = {}) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, ...details, http: { status: 400 } },
  });

/**
 * Checks a raw input value (JSON variables) without recursion: no string holds a NUL character
 * (PostgreSQL refuses it in text and JSON), and objects and lists nest at most MAX_INPUT_NESTING deep.
 */
export function checkRawInput(value: unknown, path: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      if (v.includes('\0')) throw refuse(`${item.path} contains a NUL character`, item.path);
    } else if (v && typeof v === 'object') {
      if (item.depth >= MAX_INPUT_NESTING) {
        const field = item.path.length > 120 ? `${item.path.slice(0, 120)}…` : item.path;
        throw refuse(`${field} nests objects and lists more than ${MAX_INPUT_NESTING} levels deep`, field, {
          max: MAX_INPUT_NESTING,
        });
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++)
          stack.push({ value: v[i], path: `${item.path}[${i}]`, depth: item.depth + 1 });
      } else {
        for (const [k, child] of Object.entries(v))
          stack.push({ value: child, path: `${item.path}.${k}`, depth: item.depth + 1 });
      }
    }
  }
}

/** What an operation's text holds that the checks need, found once per parsed document. */
interface DocumentFacts {
  /** A problem of the text itself (a NUL in a string literal), refused on every request. */
  problem?: GraphQLError;
  /** Fields that take a `where` input object, with their definitions. */
  whereFields: { node: FieldNode; def: GraphQLField<unknown, unknown> }[];
}

const facts = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  let found = facts.get(document);
  if (found) return found;
  const result: DocumentFacts = { whereFields: [] };
  const typeInfo = new TypeInfo(schema);
  let objectDepth = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        if (!result.problem && node.value.includes('\0'))
          result.problem = refuse('A string of the operation contains a NUL character', 'query');
      },
      ObjectValue: {
        enter() {
          if (++objectDepth > MAX_INPUT_NESTING && !result.problem)
            result.problem = refuse(
              `An input of the operation nests objects more than ${MAX_INPUT_NESTING} levels deep`,
              'query',
              { max: MAX_INPUT_NESTING },
            );
        },
        leave() {
          objectDepth--;
        },
      },
      Field(node) {
        const def = typeInfo.getFieldDef();
        const where = def?.args.find((a) => a.name === 'where');
        if (def && where && isInputObjectType(getNamedType(where.type)) && node.arguments?.length) {
          if (node.arguments.some((a) => a.name.value === 'where')) result.whereFields.push({ node, def });
        }
      },
    }),
  );
  found = result;
  facts.set(document, found);
  return found;
}

/**
 * Refuses bad input before execution, with BAD_USER_INPUT naming the field: NUL characters in any
 * string (variables or the text), inputs nested deeper than graphql-js can coerce, and `where`
 * arguments past the limits of `ctx.limits.where` (checkWhere). The text is looked at once per
 * parsed document; per request, only the variables and the `where` arguments are.
 */
export function inputChecksPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          const variables = request.variables ?? {};
          for (const [name, value] of Object.entries(variables)) checkRawInput(value, `$${name}`);
          const found = factsOf(schema, document);
          if (found.problem) throw found.problem;
          if (found.whereFields.length === 0) return;
          const coerced = coerceVariables(schema, operation, variables);
          if (!coerced) return; // Execution reports the variables' errors.
          for (const { node, def } of found.whereFields) {
            let args: Record<string, unknown>;
            try {
              args = getArgumentValues(def, node, coerced);
            } catch {
              continue; // Execution reports it.
            }
            try {
              checkWhere(
                args.where,
                contextValue.limits.where,
                `${node.alias?.value ?? node.name.value}.where`,
              );
            } catch (error) {
              const e = error as GraphQLError;
              throw new GraphQLError(e.message, {
                extensions: { ...e.extensions, http: { status: 400 } },
              });
            }
          }
        },
      };
    },
  };
}

function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  return result.errors ? undefined : result.coerced;
}
