import type { MetadataStorage } from '@mikro-orm/core';
import { checkFieldPlacement } from './lookahead.js';
import { builtRegistry, makeRegistry, type ReadModule, type Registry, useRegistry } from './registry.js';

/** The fields of each object type resolved by a method, once the schema is built. */
let resolverFields: ((type: string) => Iterable<string>) | undefined;

/** Checks the placement of resolver fields once both the registry and the schema are ready. */
function checkWhenReady() {
  const registry = builtRegistry();
  if (!resolverFields || !registry) return;
  checkFieldPlacement(registry, resolverFields);
  registry.placed = true;
}

/**
 * Start-up of the read engine: builds the registry from the modules' declarations (`modules` of
 * src/modules/index.ts), deriving every table from the ORM's entity metadata (`orm.getMetadata()`,
 * available after `MikroORM.init`; see `deriveTables`). The API, its scripts and the tests call it
 * once the ORM is open; no read works before. Throws when a declaration names what its entity
 * lacks, or (once the schema is built) when a resolver field cannot be placed.
 */
export function buildRegistry(modules: readonly ReadModule[], metadata: MetadataStorage): Registry {
  const registry = makeRegistry(modules, metadata);
  useRegistry(registry);
  checkWhenReady();
  return registry;
}

/**
 * Told by the schema once it is built: `fields(type)` gives the fields of an object type resolved
 * by a method. Throws when one of a table's cannot be placed (see `checkFieldPlacement`).
 */
export function schemaBuilt(fields: (type: string) => Iterable<string>): void {
  resolverFields = fields;
  checkWhenReady();
}
