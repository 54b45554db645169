import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';

/**
 * The operations anonymous callers may run when `ALLOW_LIST=1`: the project's own client operations
 * (`*.graphql` files in one directory, read when the API starts). An operation is known by its
 * printed text with the fragments it uses, so whitespace, comments and the order of definitions in
 * the request do not matter, but every field and argument does.
 */
export class AllowList {
  private readonly known = new WeakMap<OperationDefinitionNode, boolean>();

  private constructor(
    private readonly keys: Set<string>,
    readonly files: string[],
  ) {}

  /** Reads every `*.graphql` file of `dir`; fails when there is none (an empty list would refuse everything). */
  static async load(dir: string): Promise<AllowList> {
    const files = (await readdir(dir).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.graphql'))
      .sort();
    if (files.length === 0) {
      throw new Error(
        `ALLOW_LIST=1 needs the project's operations as *.graphql files in ${dir}; there are none`,
      );
    }
    const keys = new Set<string>();
    for (const file of files) {
      const document = parse(await readFile(join(dir, file), 'utf8'));
      for (const d of document.definitions)
        if (d.kind === Kind.OPERATION_DEFINITION) keys.add(keyOf(document, d));
    }
    return new AllowList(keys, files);
  }

  /** Whether the operation is one of the project's (remembered per parsed operation). */
  allows(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    let found = this.known.get(operation);
    if (found === undefined) {
      found = this.keys.has(keyOf(document, operation));
      this.known.set(operation, found);
    }
    return found;
  }
}

/** The operation's printed text, then each fragment it uses (transitively), by name. */
function keyOf(document: DocumentNode, operation: OperationDefinitionNode): string {
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
  return [
    print(operation),
    ...[...used].sort().map((n) => (fragments.has(n) ? print(fragments.get(n)!) : n)),
  ].join('\n');
}
