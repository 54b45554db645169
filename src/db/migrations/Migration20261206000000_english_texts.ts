import { Migration } from '@mikro-orm/migrations';

/**
 * English forms of the texts a showcase shows beside the names: a talent's title and field, a
 * house's address (the columns `title`, `field` and `address` hold the Chinese ones). An English
 * address is unique within its village, as the Chinese one is, and never empty (null: none). The
 * trigram indexes serve `contains` filters on either language, as the Chinese columns' do.
 */
export class Migration20261206000000_english_texts extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table talent add column title_en text, add column field_en text;');
    this.addSql(`alter table rural_house add column address_en text check (address_en <> ''),
  add constraint rural_house_village_id_address_en_key unique (village_id, address_en);`);
    this.addSql('create index talent_field_en_trgm_idx on talent using gin (field_en gin_trgm_ops);');
    this.addSql(
      'create index rural_house_address_en_trgm_idx on rural_house using gin (address_en gin_trgm_ops);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index talent_field_en_trgm_idx, rural_house_address_en_trgm_idx;');
    this.addSql('alter table rural_house drop column address_en;');
    this.addSql('alter table talent drop column title_en, drop column field_en;');
  }
}
