import type { MetadataStorage } from '@mikro-orm/core';
import { checkFieldPlacement } from './lookahead.js';
import { definedTables, deriveTables, tablesDerived } from './table.js';

/** The fields of each object type resolved by a method, once the schema is built. */
let resolverFields: ((type: string) => Iterable<string>) | undefined;

/** Checks the placement of resolver fields once both the tables and the schema are ready. */
function checkWhenReady() {
  if (resolverFields && tablesDerived()) checkFieldPlacement(definedTables(), resolverFields);
}

/**
 * Start-up of the read engine: fills in every table spec from the ORM's entity metadata
 * (`orm.getMetadata()`, available after `MikroORM.init`; see `deriveTables`). The API, its scripts
 * and the tests call it once the ORM is open; no read works before. Throws when a table spec names
 * what its entity lacks, or (once the schema is built) when a resolver field cannot be placed.
 */
export function resolveTables(metadata: MetadataStorage): void {
  deriveTables(metadata);
  checkWhenReady();
}

/**
 * Told by the schema once it is built: `fields(type)` gives the fields of an object type resolved
 * by a method. Throws when one of a table's cannot be placed (see `checkFieldPlacement`).
 */
export function schemaBuilt(fields: (type: string) => Iterable<string>): void {
  resolverFields = fields;
  checkWhenReady();
}
