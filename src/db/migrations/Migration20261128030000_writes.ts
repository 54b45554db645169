import { Migration } from '@mikro-orm/migrations';

const TABLES = [
  'region',
  'theme',
  'village',
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
 * What writes need: an `archived_at` on every domain table (archiving hides from lists and keeps
 * history), leases of one house that never overlap, and the append-only audit trail.
 */
export class Migration20261128030000_writes extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) {
      this.addSql(`alter table ${table} add column archived_at timestamptz;`);
      this.addSql(`create index ${table}_live_idx on ${table} (id) where archived_at is null;`);
    }
    this.addSql(`
create extension if not exists btree_gist;
alter table lease add constraint lease_no_overlap exclude using gist (
  house_id with =,
  daterange(starts_on, coalesce(terminated_on, ends_on)) with &&
) where (archived_at is null);

create table audit_log (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null default clock_timestamp(),
  user_id uuid references app_user (id),
  user_email text,
  operation text not null check (operation ~ '^[a-z][A-Za-z]+$'),
  object_type text not null,
  object_id uuid not null,
  region_id uuid references region (id),
  changes jsonb not null default '{}'
);
create index audit_log_object_idx on audit_log (object_type, object_id, at);
create index audit_log_user_id_idx on audit_log (user_id, at);
create index audit_log_operation_idx on audit_log (operation, at);
create index audit_log_at_idx on audit_log (at, id);
create index audit_log_region_id_idx on audit_log (region_id, at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
drop table if exists audit_log;
drop function if exists audit_log_is_append_only();
alter table lease drop constraint if exists lease_no_overlap;
`);
    for (const table of TABLES) this.addSql(`alter table ${table} drop column archived_at;`);
  }
}
