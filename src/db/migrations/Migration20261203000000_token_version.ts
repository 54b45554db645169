import { Migration } from '@mikro-orm/migrations';

/**
 * Revocable tokens: each account has a token version, carried by the tokens issued for it; a new
 * password or disabling the account increments it, and the tokens issued before stop working.
 */
export class Migration20261203000000_token_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table app_user add column token_version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table app_user drop column token_version;');
  }
}
