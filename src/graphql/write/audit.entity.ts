import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v4 } from 'uuid';

/** One write: who, when, which operation on which object, and the before/after of changed fields. */
@Entity({ tableName: 'audit_log' })
export class AuditLog {
  [OptionalProps]?: 'at' | 'changes';

  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  at: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  userId?: string;

  @Property({ type: 'string', nullable: true })
  userEmail?: string;

  @Property({ type: 'string' })
  operation!: string;

  @Property({ type: 'string' })
  objectType!: string;

  @Property({ type: 'uuid' })
  objectId!: string;

  @Property({ type: 'uuid', nullable: true })
  regionId?: string;

  @Property({ type: 'json' })
  changes: Record<string, { before: unknown; after: unknown }> = {};
}
