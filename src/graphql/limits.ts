import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from './context.js';
import { ErrorCode, requestError } from './errors.js';

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      // Introspection (__schema, __type) is bounded by the schema itself.
      if (selection.name.value.startsWith('__')) continue;
      depth = selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, visiting) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      if (visiting.has(name)) continue;
      visiting.add(name);
      depth = depthOf(fragments[name]?.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
    max = Math.max(max, depth);
  }
  return max;
}

/** Depth of each operation already seen: Apollo hands the same parsed document to repeated requests. */
const depths = new WeakMap<object, number>();

/** Rejects operations nested deeper than `maxDepth` fields with COST_LIMIT_EXCEEDED, before execution. */
export function depthLimitPlugin(maxDepth: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          let depth = operation ? depths.get(operation) : 0;
          if (depth === undefined) {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const d of document.definitions)
              if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
            depth = depthOf(operation?.selectionSet, fragments, new Set());
            if (operation) depths.set(operation, depth);
          }
          if (depth > maxDepth) {
            throw requestError(
              ErrorCode.COST_LIMIT_EXCEEDED,
              `The operation is nested ${depth} levels deep; the maximum is ${maxDepth}.`,
              { maxDepth, depth },
            );
          }
        },
      };
    },
  };
}
