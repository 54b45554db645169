import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000_initial } from './Migration20261128000000_initial.js';
import { Migration20261128010000_filter_indexes } from './Migration20261128010000_filter_indexes.js';
import { Migration20261128020000_users } from './Migration20261128020000_users.js';
import { Migration20261128030000_writes } from './Migration20261128030000_writes.js';
import { Migration20261128040000_geo_indexes } from './Migration20261128040000_geo_indexes.js';
import { Migration20261128050000_change_notifications } from './Migration20261128050000_change_notifications.js';
import { Migration20261203000000_token_version } from './Migration20261203000000_token_version.js';
import { Migration20261204000000_idempotency_key } from './Migration20261204000000_idempotency_key.js';
import { MIGRATION_NAMES } from './names.js';

const classes: Record<string, MigrationObject['class']> = {
  Migration20261128000000_initial,
  Migration20261128010000_filter_indexes,
  Migration20261128020000_users,
  Migration20261128030000_writes,
  Migration20261128040000_geo_indexes,
  Migration20261128050000_change_notifications,
  Migration20261203000000_token_version,
  Migration20261204000000_idempotency_key,
};

/**
 * Every migration, in the order of `MIGRATION_NAMES`. Listed explicitly (not discovered on disk) so
 * the same list works under tsx, vitest and the compiled build; a test fails when a file in this
 * folder is missing here or a name has no class.
 */
export const migrationsList: MigrationObject[] = MIGRATION_NAMES.map((name) => ({
  name,
  class: classes[name]!,
}));
