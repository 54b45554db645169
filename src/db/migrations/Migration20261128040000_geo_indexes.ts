import { Migration } from '@mikro-orm/migrations';

/** Indexes for `near` filters: the bounding-box step of the distance filter uses them. */
export class Migration20261128040000_geo_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index village_lat_lng_idx on village (lat, lng);');
    this.addSql('create index rural_house_lat_lng_idx on rural_house (lat, lng);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index village_lat_lng_idx, rural_house_lat_lng_idx;');
  }
}
