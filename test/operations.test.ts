import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildManifest, MANIFEST_FILE, manifestText, OPERATION_FOLDERS } from '../src/graphql/allow-list.js';
import { getSchema } from '../src/graphql/schema.js';
import { OPERATIONS_DIR, ok, sharedPath, useApi } from './helpers.js';

/**
 * The client operations: the project's own (`operations/*.graphql`, what real clients send, used by
 * the tests) and, on a machine where the project has them beside it, the contract operations of
 * `../shared/contract`. Each must validate against the committed schema and run on the demo dataset.
 */
const api = useApi();
const schema = buildSchema(
  readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8'),
);
const SHARED_DIR = sharedPath('contract');
const hasShared = existsSync(SHARED_DIR);
if (!hasShared) {
  console.info(
    `note: ${SHARED_DIR} is not there (a clone on its own): the shared contract operations are not checked; the project's own operations/ are`,
  );
}

const graphqlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();

const operationsOf = (text: string) =>
  parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

async function talentId(displayName: string): Promise<string> {
  const data = ok(
    await api.run(`query($n: String!) { talents(where: { displayName: { eq: $n } }) { nodes { id } } }`, {
      n: displayName,
    }),
  );
  return data.talents.nodes[0].id;
}

/** Variables each operation is run with on the demo dataset. */
const SAMPLES: Record<string, () => Promise<Record<string, unknown>>> = {
  ShowcaseVillages: async () => ({ town: 'dashuibo', theme: 'tea' }),
  TalentProfile: async () => ({ id: await talentId('李久太') }),
  TownDashboard: async () => ({ town: 'dashuibo' }),
  VillagesWithFreeHouses: async () => ({ town: 'dashuibo', theme: 'tea' }),
  LargestInvestments: async () => ({}),
  JointUnions: async () => ({}),
  RuralHousesPage: async () => ({ first: 5 }),
  // No such account: the answer is a user error (a list that is not empty), nothing signs in.
  SignIn: async () => ({ email: 'nobody@operations.example', password: 'not a password' }),
};

/** Validates every file of `dir`; runs each with its sample variables: no error, every root field answered, some list not empty. */
async function checkAll(dir: string, options: { requireSamples: boolean }) {
  const files = graphqlFiles(dir);
  expect(files.length).toBeGreaterThan(0);
  const invalid: Record<string, string[]> = {};
  for (const file of files) {
    const errors = validate(schema, parse(readFileSync(`${dir}/${file}`, 'utf8')));
    if (errors.length) invalid[file] = errors.map((e) => e.message);
  }
  expect(invalid).toEqual({});
  for (const file of files) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    for (const op of operationsOf(text)) {
      const name = op.name?.value ?? '';
      const sample = SAMPLES[name];
      const required = (op.variableDefinitions ?? []).some(
        (v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue,
      );
      if (!sample) {
        if (options.requireSamples) expect.fail(`${file}: no sample variables for ${name} in SAMPLES`);
        if (required) continue;
      }
      const result = await api.run(text, { ...(await sample?.()) });
      const data = ok(result);
      for (const [field, value] of Object.entries(data as object)) {
        expect(value, `${file}: ${field}`).not.toBeNull();
      }
      expect(JSON.stringify(data), `${file}: every list is empty`).toMatch(/\[[{"\d]/);
    }
  }
}

describe('operations/ (the project’s client operations)', () => {
  it('holds one named operation per file, named as the file', () => {
    for (const file of graphqlFiles(OPERATIONS_DIR)) {
      const ops = operationsOf(readFileSync(`${OPERATIONS_DIR}${file}`, 'utf8'));
      expect(
        ops.map((o) => o.name?.value),
        file,
      ).toEqual([file.replace(/\.graphql$/, '')]);
    }
  });

  it('validates every operation against schema/schema.graphql and runs it on the demo dataset', async () => {
    await checkAll(OPERATIONS_DIR, { requireSamples: true });
  });

  it("are registered with the showcase kit's in operations/manifest.json as they are now (run `npm run operations` after a change)", async () => {
    const committed = readFileSync(`${OPERATIONS_DIR}${MANIFEST_FILE}`, 'utf8');
    const folders = OPERATION_FOLDERS.map((folder) =>
      fileURLToPath(new URL(`../${folder}/`, import.meta.url)),
    );
    const current = manifestText(await buildManifest(folders, await getSchema()));
    expect(committed).toBe(current);
    // Every operation of every folder, the showcase kit's too, and nothing else.
    const named = folders.flatMap((folder) =>
      graphqlFiles(folder).flatMap((f) =>
        operationsOf(readFileSync(`${folder}${f}`, 'utf8')).map((o) => o.name!.value),
      ),
    );
    expect(JSON.parse(committed).operations.map((o: { name: string }) => o.name)).toEqual(named.sort());
    expect(named).toContain('ShowcaseVillage');
  });
});

describe('../shared/contract (beside the project on the development machine)', () => {
  it.skipIf(!hasShared)(
    'validates every contract operation against schema/schema.graphql and runs it on the demo dataset',
    async () => {
      await checkAll(SHARED_DIR, { requireSamples: false });
    },
  );
});
