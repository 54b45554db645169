import { Migration } from '@mikro-orm/migrations';

/** Accounts: e-mail, argon2id password hash, role, and for officials the region they govern. */
export class Migration20261128020000_users extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table app_user (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and email ~ '^[^@\\s]+@[^@\\s]+$'),
  password_hash text not null check (password_hash like '$argon2id$%'),
  role text not null check (role in ('ADMIN', 'OFFICIAL', 'PARTNER')),
  region_id uuid references region (id),
  display_name text,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (role <> 'OFFICIAL' or region_id is not null)
);
create unique index app_user_email_idx on app_user (email);
create index app_user_region_id_idx on app_user (region_id);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists app_user;');
  }
}
