import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { v4 } from 'uuid';

/**
 * A slug an object had before its current one, so that old links still find it: the table of the
 * object (`village`, `project`, `union_organization`), the slug, and the object's key. A slug is
 * current or former for at most one object of a table.
 */
@Entity({ tableName: 'former_slug' })
@Unique({ properties: ['kind', 'slug'] })
@Index({ properties: ['kind', 'objectId'] })
export class FormerSlug {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  /** The table of the object. */
  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: 'string' })
  slug!: string;

  @Property({ type: 'uuid' })
  objectId!: string;

  /** When the object left this slug. */
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
