import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildManifest, MANIFEST_FILE, manifestText, OPERATION_FOLDERS } from '../src/graphql/allow-list.js';
import { getSchema } from '../src/graphql/schema.js';

/**
 * Registers the project's operations (`npm run operations`): validates every `*.graphql` of
 * `OPERATION_FOLDERS` (the project's and the showcase kit's) against the schema and writes `operations/manifest.json`, an Apollo persisted-query manifest (name,
 * type, normalised body and its SHA-256 id). The server reads it with ALLOW_LIST=1; a test fails when
 * the committed file is not what this writes.
 */
const dir = fileURLToPath(new URL('../operations/', import.meta.url));
try {
  const folders = OPERATION_FOLDERS.map((folder) => fileURLToPath(new URL(`../${folder}/`, import.meta.url)));
  const manifest = await buildManifest(folders, await getSchema());
  await writeFile(`${dir}${MANIFEST_FILE}`, manifestText(manifest));
  console.log(`wrote operations/${MANIFEST_FILE} (${manifest.operations.length} operations)`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
