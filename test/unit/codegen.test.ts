import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { buildSchema, parse } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pluginConfig } from '../../examples/codegen.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The README's codegen set-up (examples/codegen.ts) run on the committed schema and operations. */
async function generate(): Promise<string> {
  const schema = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8'));
  const documents = readdirSync(join(root, 'operations'))
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => ({ location: f, document: parse(readFileSync(join(root, 'operations', f), 'utf8')) }));
  return codegen({
    filename: 'graphql.ts',
    schema: parse(readFileSync(join(root, 'schema/schema.graphql'), 'utf8')),
    schemaAst: schema,
    documents,
    config: pluginConfig,
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations: operationsPlugin },
  });
}

/** Type errors of `files` (name → text) compiled strictly together. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'revgraph-codegen-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const program = ts.createProgram(
      Object.keys(files).map((name) => join(dir, name)),
      {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        types: [],
      },
    );
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a front-end team's typed client (examples/codegen.ts)", () => {
  it('types every operation of the project, with each custom scalar mapped (strictScalars)', async () => {
    const output = await generate();
    expect(output).toContain('export type TalentProfileQuery =');
    expect(output).toContain('export type ShowcaseVillagesQuery =');
    // A use a front end would write: an exact amount stays a string, an enum a union of strings.
    const use = `
      import type { TalentProfileQuery, TalentProfileQueryVariables } from './graphql';
      export const variables: TalentProfileQueryVariables = { id: 'VGFsZW50OjE', locale: 'EN' };
      export function arrived(data: TalentProfileQuery): string | null {
        const node = data.node;
        if (node?.__typename !== 'Talent') return null;
        const role: string | undefined = node.unionMemberships.nodes[0]?.role;
        return role ?? node.arrivedOn ?? null;
      }`;
    expect(typeErrors({ 'graphql.ts': output, 'use.ts': use })).toEqual([]);
  });

  it('fails to type a use the schema does not allow (the check can fail)', async () => {
    const output = await generate();
    const wrong = `
      import type { TalentProfileQueryVariables } from './graphql';
      export const variables: TalentProfileQueryVariables = { id: 1, locale: 'FR' };`;
    expect(typeErrors({ 'graphql.ts': output, 'use.ts': wrong }).length).toBeGreaterThan(0);
  });
});
