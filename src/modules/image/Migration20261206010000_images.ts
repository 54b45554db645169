import { Migration } from '@mikro-orm/migrations';

/**
 * Pictures of villages, houses, projects and talents: each row belongs to exactly one of them (one
 * foreign key each, a check that exactly one is set), at most one cover per owner (a partial unique
 * index on the owner's key), at least one alternative text. The files live in the image storage
 * under `storage_key`; the row says what they are.
 */
export class Migration20261206010000_images extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table image (
  id uuid primary key default gen_random_uuid(),
  village_id uuid references village (id),
  house_id uuid references rural_house (id),
  project_id uuid references project (id),
  talent_id uuid references talent (id),
  storage_key text not null check (storage_key ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  card_width integer not null check (card_width > 0),
  card_height integer not null check (card_height > 0),
  bytes integer check (bytes > 0),
  alt_zh text check (alt_zh <> ''),
  alt_en text check (alt_en <> ''),
  caption_zh text,
  caption_en text,
  credit text,
  is_cover boolean not null default false,
  position integer not null default 0 check (position >= 0),
  consent boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint image_storage_key_unique unique (storage_key),
  constraint image_one_owner check (num_nonnulls(village_id, house_id, project_id, talent_id) = 1),
  constraint image_alt_given check (alt_zh is not null or alt_en is not null)
);`);
    for (const owner of ['village', 'house', 'project', 'talent'])
      this.addSql(
        `create index image_${owner}_id_idx on image (${owner}_id, position) where ${owner}_id is not null;`,
      );
    this.addSql(
      'create unique index image_one_cover_idx on image ((coalesce(village_id, house_id, project_id, talent_id))) where is_cover;',
    );
    this.addSql(
      'create trigger image_notify_change after insert or update or delete or truncate on image for each statement execute function notify_change();',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table image;');
  }
}
