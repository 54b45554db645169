import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ok, useApi } from './helpers.js';

/**
 * The README stays true: every GraphQL example in it validates against the committed schema, and
 * every query example that needs no variables and no sign-in runs on the demo dataset without error.
 */
const api = useApi();
const schema = buildSchema(
  readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8'),
);
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
/** A block may list several examples, each an operation of its own (anonymous ones too). */
const examples = blocks.flatMap((text) =>
  parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
);
const documentOf = (op: OperationDefinitionNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [op],
});

describe('README examples', () => {
  it('has GraphQL examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((op, i) => [i + 1, op] as const))(
    'example %i validates against the schema',
    (_, op) => {
      const errors = validate(schema, documentOf(op));
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );

  it('runs the anonymous query examples on the demo dataset', async () => {
    let ran = 0;
    for (const op of examples) {
      if (op.operation !== 'query' || op.variableDefinitions?.length) continue;
      const text = print(op);
      if (/viewer|auditLog|users/.test(text)) continue;
      ok(await api.run(text));
      ran++;
    }
    expect(ran).toBeGreaterThan(0);
  });
});
