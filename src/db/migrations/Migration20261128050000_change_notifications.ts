import { Migration } from '@mikro-orm/migrations';

/** Tables whose rows public reads show; a committed change to any of them is announced. */
const TABLES = [
  'region',
  'theme',
  'village',
  'village_theme',
  'organization',
  'talent',
  'union_organization',
  'union_membership',
  'project',
  'project_participant',
  'project_partner',
  'investment',
  'rural_house',
  'lease',
];

/**
 * Every committed write to a data table sends a notification on channel `revgraph_changes` (payload:
 * the table), whoever writes: the API, an import script, psql. API instances listen and drop cached
 * responses (see src/cache). Statement-level triggers: one notification per statement at most, and
 * PostgreSQL folds identical notifications of one transaction into one, delivered at commit.
 */
export class Migration20261128050000_change_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('revgraph_changes', tg_table_name);
  return null;
end $$;`);
    for (const table of TABLES) {
      this.addSql(
        `create trigger ${table}_notify_change after insert or update or delete or truncate on ${table} for each statement execute function notify_change();`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger ${table}_notify_change on ${table};`);
    this.addSql('drop function notify_change();');
  }
}
