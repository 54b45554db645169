import { writeFile } from 'node:fs/promises';
import { getSchema, printedPossibleTypes, printedSchema } from '../src/graphql/schema.js';

/** Writes schema/schema.graphql and schema/possible-types.json from the code (`npm run schema`). */
await writeFile(new URL('../schema/schema.graphql', import.meta.url), await printedSchema());
await writeFile(
  new URL('../schema/possible-types.json', import.meta.url),
  printedPossibleTypes(await getSchema()),
);
console.log('wrote schema/schema.graphql and schema/possible-types.json');
