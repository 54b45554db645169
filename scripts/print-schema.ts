import { writeFile } from 'node:fs/promises';
import { printedSchema } from '../src/graphql/schema.js';

/** Writes schema/schema.graphql from the code (`npm run schema`). */
await writeFile(new URL('../schema/schema.graphql', import.meta.url), await printedSchema());
console.log('wrote schema/schema.graphql');
