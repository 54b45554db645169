import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
  validate,
  visit,
} from 'graphql';

/** The manifest's file name in the operations directory (`npm run operations` writes it). */
export const MANIFEST_FILE = 'manifest.json';

/** One registered operation, as in Apollo's persisted-query manifests. */
export interface ManifestOperation {
  /** SHA-256 (hex) of `body`: the `extensions.persistedQuery.sha256Hash` a client may send alone. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The normalised document: the operation, then the fragments it uses by name, printed by graphql-js. */
  body: string;
}

/**
 * The project's operations registered at build time, in the format of
 * `@apollo/generate-persisted-query-manifest` (what Apollo's clients, Router and GraphOS read).
 */
export interface OperationsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The operation's normalised text: the operation, then each fragment it uses (transitively) sorted by
 * name, printed as one document. Whitespace, comments and the order of definitions in the request do
 * not matter, every field and argument does. This is what Apollo's manifest generator and
 * persisted-query link hash (`print(sortTopLevelDefinitions(document))`).
 */
export function bodyOf(document: DocumentNode, operation: OperationDefinitionNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const used = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (used.has(s.name.value)) continue;
        used.add(s.name.value);
        visit(fragments.get(s.name.value)?.selectionSet);
      } else {
        visit(s.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  const definitions = [operation, ...[...used].sort().flatMap((name) => fragments.get(name) ?? [])];
  return print({ kind: Kind.DOCUMENT, definitions });
}

/**
 * A normalised body without its `__typename` fields, which Apollo Client and urql add to every
 * selection: asking for an object's type name reads nothing and costs nothing, so an operation so
 * amended is still the registered one.
 */
export function withoutTypename(body: string): string {
  return print(
    visit(parse(body), { Field: (node) => (node.name.value === '__typename' ? null : undefined) }),
  );
}

/**
 * The folders whose operations the manifest registers, from the project's root: the project's own
 * and the showcase kit's (so the showcase runs against an API with `ALLOW_LIST=1`).
 */
export const OPERATION_FOLDERS = ['operations', 'examples/showcase/operations'] as const;

/**
 * Registers the operations of `dirs` (every `*.graphql` file of each; a fragment may be used from
 * another file): each must be named, named once, and valid against `schema`. Throws one error
 * listing every problem.
 */
export async function buildManifest(
  dirs: string | readonly string[],
  schema: GraphQLSchema,
): Promise<OperationsManifest> {
  const folders = typeof dirs === 'string' ? [dirs] : dirs;
  // Each file with the name its problems are reported under: its own in one folder, else its path.
  const files: { path: string; file: string }[] = [];
  for (const folder of folders) {
    const names = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.graphql'));
    if (names.length === 0) throw new Error(`no *.graphql operations in ${folder}`);
    for (const name of names.sort()) {
      const path = join(folder, name);
      files.push({ path, file: folders.length === 1 ? name : relative(process.cwd(), path) });
    }
  }
  const dir = folders.join(', ');
  const problems: string[] = [];
  const fragments = new Map<string, { file: string; node: FragmentDefinitionNode }>();
  const operations = new Map<string, { file: string; node: OperationDefinitionNode }>();
  for (const { path, file } of files) {
    let document: DocumentNode;
    try {
      document = parse(await readFile(path, 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    for (const node of document.definitions) {
      if (node.kind === Kind.FRAGMENT_DEFINITION) {
        const seen = fragments.get(node.name.value);
        if (seen) problems.push(`${file}: fragment ${node.name.value} is defined in ${seen.file} too`);
        else fragments.set(node.name.value, { file, node });
      } else if (node.kind === Kind.OPERATION_DEFINITION) {
        if (!node.name) {
          problems.push(`${file}: an operation without a name (the manifest knows operations by name)`);
          continue;
        }
        const seen = operations.get(node.name.value);
        if (seen) problems.push(`${file}: operation ${node.name.value} is defined in ${seen.file} too`);
        else operations.set(node.name.value, { file, node });
      } else {
        problems.push(`${file}: only operations and fragments belong here, not a ${node.kind}`);
      }
    }
  }
  const all: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [...fragments.values()].map((f) => f.node),
  };
  const registered: ManifestOperation[] = [];
  for (const [name, { file, node }] of [...operations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const body = bodyOf(all, node);
    const errors = validate(schema, parse(body));
    for (const error of errors) problems.push(`${file}: ${name}: ${error.message}`);
    registered.push({ id: sha256(body), name, type: node.operation, body });
  }
  if (problems.length)
    throw new Error(`the operations of ${dir} cannot be registered:\n${problems.join('\n')}`);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: registered };
}

/** The manifest file's text (stable: the committed file is compared with it). */
export const manifestText = (manifest: OperationsManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

const REGENERATE = 'fix operations/*.graphql if needed and run `npm run operations`';

/**
 * The operations anonymous callers may run when `ALLOW_LIST=1`: the project's own, registered at build
 * time in `operations/manifest.json` (see `buildManifest`). A caller sends the text (in any formatting:
 * it is known by the SHA-256 of its normalised body) or, as a persisted query, the manifest's id alone.
 */
export class AllowList {
  private readonly known = new WeakMap<OperationDefinitionNode, boolean>();

  /** The SHA-256 of each registered body without its `__typename` fields (see `withoutTypename`). */
  private readonly typenameFree: Set<string>;

  private constructor(
    private readonly bodies: Map<string, string>,
    readonly names: string[],
  ) {
    this.typenameFree = new Set([...bodies.values()].map((body) => sha256(withoutTypename(body))));
  }

  /**
   * Reads `dir/manifest.json`. Refuses to start when it is missing or unreadable, when an id is not the
   * hash of its body (edited by hand), or when an operation no longer validates against `schema` (the
   * schema changed since it was built).
   */
  static async load(dir: string, schema: GraphQLSchema): Promise<AllowList> {
    const path = join(dir, MANIFEST_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new Error(
        `ALLOW_LIST=1 needs the project's operations registered in ${path}, which is missing: ${REGENERATE}`,
      );
    }
    let manifest: OperationsManifest;
    try {
      manifest = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path} is not JSON (${(error as Error).message}): ${REGENERATE}`);
    }
    if (
      manifest?.format !== 'apollo-persisted-query-manifest' ||
      manifest.version !== 1 ||
      !Array.isArray(manifest.operations) ||
      manifest.operations.length === 0
    ) {
      throw new Error(
        `${path} is not an apollo-persisted-query-manifest of version 1 with operations: ${REGENERATE}`,
      );
    }
    const problems: string[] = [];
    const bodies = new Map<string, string>();
    for (const op of manifest.operations) {
      const name = String(op?.name);
      if (typeof op?.body !== 'string' || typeof op.id !== 'string' || sha256(op.body) !== op.id) {
        problems.push(`${name}: its id is not the SHA-256 of its body`);
        continue;
      }
      let errors: readonly Error[];
      try {
        errors = validate(schema, parse(op.body));
      } catch (error) {
        errors = [error as Error];
      }
      for (const error of errors) problems.push(`${name}: ${error.message}`);
      bodies.set(op.id, op.body);
    }
    if (problems.length) {
      throw new Error(
        `ALLOW_LIST=1: ${path} is stale against the schema or was edited (${REGENERATE}):\n${problems.join('\n')}`,
      );
    }
    return new AllowList(
      bodies,
      manifest.operations.map((op) => op.name),
    );
  }

  /** The registered operation's text for a persisted-query id, if it is one of the manifest's. */
  bodyOf(id: unknown): string | undefined {
    return typeof id === 'string' ? this.bodies.get(id) : undefined;
  }

  /**
   * Whether the operation is one of the project's, as registered or with `__typename` fields added
   * (remembered per parsed operation).
   */
  allows(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    let found = this.known.get(operation);
    if (found === undefined) {
      const body = bodyOf(document, operation);
      found = this.bodies.has(sha256(body)) || this.typenameFree.has(sha256(withoutTypename(body)));
      this.known.set(operation, found);
    }
    return found;
  }
}
