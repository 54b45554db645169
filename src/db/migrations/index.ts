import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000_initial } from './Migration20261128000000_initial.js';

/**
 * Every migration, in order. Listed explicitly (not discovered on disk) so the same list works under
 * tsx, vitest and the compiled build; a test fails when a file in this folder is missing here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: Migration20261128000000_initial },
];
