/**
 * Migrations by name (each its file's and its class's name), each loaded on first use: a migration
 * imports `@mikro-orm/migrations` and with it umzug, which a start on an up-to-date database never
 * loads (it compares these names with the applied ones). Listed explicitly, not discovered on disk,
 * so the same list works under tsx, vitest and the compiled build; a test fails when a migration
 * file is not listed, or a name does not match its file and class.
 */
export type Migrations = Readonly<Record<string, () => Promise<object>>>;

/** The migrations of this folder: the schema every module's tables began with and its changes. */
export const migrations: Migrations = {
  Migration20261128000000_initial: () => import('./Migration20261128000000_initial.js'),
  Migration20261128010000_filter_indexes: () => import('./Migration20261128010000_filter_indexes.js'),
  Migration20261128020000_users: () => import('./Migration20261128020000_users.js'),
  Migration20261128030000_writes: () => import('./Migration20261128030000_writes.js'),
  Migration20261128040000_geo_indexes: () => import('./Migration20261128040000_geo_indexes.js'),
  Migration20261128050000_change_notifications: () =>
    import('./Migration20261128050000_change_notifications.js'),
  Migration20261203000000_token_version: () => import('./Migration20261203000000_token_version.js'),
  Migration20261204000000_idempotency_key: () => import('./Migration20261204000000_idempotency_key.js'),
  Migration20261206000000_english_texts: () => import('./Migration20261206000000_english_texts.js'),
};
