import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  Kind,
  TypeInfo,
  type ValueNode,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { checkWhere } from '../data/where-limits.js';
import type { Context } from './context.js';
import { ErrorCode, requestError } from './errors.js';

/**
 * Nesting of objects and lists in one input value (a variable or a literal). graphql-js coerces
 * input recursively: thousands of levels overflow the stack (a masked 500). The deepest input the
 * schema needs is a `where` at its depth limit, a dozen levels.
 */
export const MAX_INPUT_NESTING = 64;

const refuse = (message: string, field: string, details: Record<string, unknown> = {}) =>
  requestError(ErrorCode.BAD_USER_INPUT, message, { field, ...details });

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
  whereFields: { field: string; value: ValueNode }[];
  /** Default values of the operations' variables (used when a request leaves one out). */
  defaults: Map<string, ValueNode>;
}

const facts = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  let found = facts.get(document);
  if (found) return found;
  const result: DocumentFacts = { whereFields: [], defaults: new Map() };
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
      VariableDefinition(node) {
        if (node.defaultValue) result.defaults.set(node.variable.name.value, node.defaultValue);
      },
      Field(node) {
        const where = node.arguments?.find((a) => a.name.value === 'where');
        const def = where && typeInfo.getFieldDef()?.args.find((a) => a.name === 'where');
        if (where && def && isInputObjectType(getNamedType(def.type)))
          result.whereFields.push({
            field: `${node.alias?.value ?? node.name.value}.where`,
            value: where.value,
          });
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
        async didResolveOperation({ document, request, schema, contextValue }) {
          const variables = request.variables ?? {};
          for (const [name, value] of Object.entries(variables)) checkRawInput(value, `$${name}`);
          const found = factsOf(schema, document);
          if (found.problem) throw found.problem;
          // The values as sent, variables put in (their types are checked by execution): checkWhere
          // looks at shapes, lengths and texts only, and takes one value where a list is expected.
          for (const { field, value } of found.whereFields) {
            try {
              checkWhere(argumentValue(value, variables, found.defaults), contextValue.limits.where, field);
            } catch (error) {
              const { message, extensions } = error as GraphQLError;
              const { code, ...details } = extensions;
              throw requestError(code as ErrorCode, message, details);
            }
          }
        },
      };
    },
  };
}

/** The JavaScript value of an argument: a variable's value (or its default), or the literal with variables put in. */
function argumentValue(
  value: ValueNode,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): unknown {
  if (value.kind !== Kind.VARIABLE) return valueFromASTUntyped(value, variables);
  const name = value.name.value;
  if (variables[name] !== undefined) return variables[name];
  const fallback = defaults.get(name);
  return fallback ? valueFromASTUntyped(fallback, variables) : undefined;
}
