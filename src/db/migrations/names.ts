/**
 * The names of every migration, in order (each is its file's and its class's name). Kept apart from
 * the classes (`index.ts`), which import `@mikro-orm/migrations` and with it umzug: a start on an
 * up-to-date database checks these names and loads neither (a test holds the two lists equal).
 */
export const MIGRATION_NAMES: readonly string[] = [
  'Migration20261128000000_initial',
  'Migration20261128010000_filter_indexes',
  'Migration20261128020000_users',
  'Migration20261128030000_writes',
  'Migration20261128040000_geo_indexes',
  'Migration20261128050000_change_notifications',
  'Migration20261203000000_token_version',
  'Migration20261204000000_idempotency_key',
];
