import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotent retries of writes: the answer of a mutation sent with an `Idempotency-Key`, stored in the
 * write's own transaction, per account and key. `fingerprint` is the SHA-256 of the request (query,
 * variables, operation name); `response` its answer's `data` as sent (json keeps the order of fields).
 * Rows older than IDEMPOTENCY_TTL_HOURS are ignored and deleted in small batches (by `created_at`).
 */
export class Migration20261204000000_idempotency_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table idempotency_key (
  user_id uuid not null references app_user (id) on delete cascade,
  key text not null check (length(key) between 1 and 255),
  fingerprint bytea not null check (length(fingerprint) = 32),
  response json not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);`);
    this.addSql('create index idempotency_key_created_at on idempotency_key (created_at);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table idempotency_key;');
  }
}
