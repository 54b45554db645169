import type { ClassType } from 'type-graphql';
import type { ReadModule } from '../data/registry.js';
import type { EntityClass } from '../data/table.js';
import type { Migrations } from '../db/migrations/index.js';

/**
 * A feature module as the API assembles it: everything the module adds, as data. Each module folder
 * has one (`<feature>.module.ts`), and src/modules/index.ts lists them, one line each. At start-up
 * the ORM takes the entities and migrations of the listed modules, the schema their resolvers, and
 * the read engine's registry (`buildRegistry`) their tables and lists read along.
 */
export interface Module extends ReadModule {
  /** The folder's name, for messages. */
  name: string;
  /** MikroORM entities. */
  entities?: readonly EntityClass[];
  /** type-graphql resolver classes (queries, mutations, field resolvers, grouped figures). */
  resolvers?: readonly ClassType[];
  /** Migrations kept in the module's folder, by name (see `Migrations`). */
  migrations?: Migrations;
}

/** Declares a feature module (see `Module`). */
export const defineModule = <const M extends Module>(module: M): M => module;
