import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000_initial } from './Migration20261128000000_initial.js';
import { Migration20261128010000_filter_indexes } from './Migration20261128010000_filter_indexes.js';
import { Migration20261128020000_users } from './Migration20261128020000_users.js';
import { Migration20261128030000_writes } from './Migration20261128030000_writes.js';
import { Migration20261128040000_geo_indexes } from './Migration20261128040000_geo_indexes.js';
import { Migration20261128050000_change_notifications } from './Migration20261128050000_change_notifications.js';

/**
 * Every migration, in order. Listed explicitly (not discovered on disk) so the same list works under
 * tsx, vitest and the compiled build; a test fails when a file in this folder is missing here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: Migration20261128000000_initial },
  { name: 'Migration20261128010000_filter_indexes', class: Migration20261128010000_filter_indexes },
  { name: 'Migration20261128020000_users', class: Migration20261128020000_users },
  { name: 'Migration20261128030000_writes', class: Migration20261128030000_writes },
  { name: 'Migration20261128040000_geo_indexes', class: Migration20261128040000_geo_indexes },
  {
    name: 'Migration20261128050000_change_notifications',
    class: Migration20261128050000_change_notifications,
  },
];
