import { Migration } from '@mikro-orm/migrations';
import { slugOf, uniqueSlug } from './slug.js';

/** The tables whose objects get a slug made from their Chinese name, and the word of their fallback slugs. */
const TABLES = { village: 'village', project: 'project', union_organization: 'union' };

/**
 * URL slugs: a `slug` column on villages, projects and union organisations, filled for the rows
 * there are with the slugs `slugOf` makes (in JavaScript: PostgreSQL has no pinyin), oldest first
 * made unique with `-2`, `-3`, …, then required and unique. A row inserted by SQL without one (psql,
 * the benchmark's dataset) gets `<word>-<its id's hex digits>`, which officials can change. A theme's
 * slug is its code (a generated column). `former_slug` keeps the slugs objects had before,
 * announcing its changes like every public table.
 */
export class Migration20261205000000_slugs extends Migration {
  override async up(): Promise<void> {
    await this.execute(`
create function slug_fallback() returns trigger language plpgsql as $$
begin
  if new.slug is null then
    new.slug := tg_argv[0] || '-' || replace(new.id::text, '-', '');
  end if;
  return new;
end $$;`);
    for (const [table, word] of Object.entries(TABLES)) {
      await this.execute(`alter table ${table} add column slug text;`);
      const rows = await this.execute(`select id, name_zh, name_en from ${table} order by created_at, id;`);
      const used = new Set<string>();
      const slugs = [];
      for (const row of rows as { id: string; name_zh: string; name_en: string }[]) {
        const slug = await uniqueSlug(slugOf(row.name_zh, row.name_en), (s) => used.has(s));
        used.add(slug);
        slugs.push({ id: row.id, slug });
      }
      if (slugs.length)
        await this.execute(
          `update ${table} t set slug = v.slug from json_to_recordset(?::json) as v(id uuid, slug text) where t.id = v.id;`,
          [JSON.stringify(slugs)],
        );
      await this.execute(`alter table ${table} alter column slug set not null;`);
      await this.execute(`alter table ${table} add constraint ${table}_slug_unique unique (slug);`);
      await this.execute(
        `create trigger ${table}_slug_fallback before insert on ${table} for each row execute function slug_fallback('${word}');`,
      );
    }
    await this.execute('alter table theme add column slug text generated always as (code) stored;');
    await this.execute('alter table theme add constraint theme_slug_unique unique (slug);');
    await this.execute(`
create table former_slug (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  slug text not null,
  object_id uuid not null,
  created_at timestamptz not null default now(),
  constraint former_slug_kind_slug_unique unique (kind, slug)
);`);
    await this.execute('create index former_slug_kind_object_id_index on former_slug (kind, object_id);');
    await this.execute(
      'create trigger former_slug_notify_change after insert or update or delete or truncate on former_slug for each statement execute function notify_change();',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table former_slug;');
    for (const table of [...Object.keys(TABLES), 'theme']) {
      this.addSql(`drop trigger if exists ${table}_slug_fallback on ${table};`);
      this.addSql(`alter table ${table} drop column slug;`);
    }
    this.addSql('drop function slug_fallback();');
  }
}
