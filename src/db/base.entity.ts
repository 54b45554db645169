import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v4 } from 'uuid';

/** Columns every editable table has: a UUID key, timestamps and the optimistic-lock version. */
export abstract class VersionedEntity<Optional = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | Optional;

  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** A domain object: versioned, and archived rather than deleted. */
export abstract class BaseEntity<Optional = never> extends VersionedEntity<Optional> {
  /** When the object was archived: hidden from lists, kept with its history and relations. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  archivedAt?: Date;
}

/** Editable entities with a bilingual name and description (name_zh/name_en, description_zh/description_en). */
export abstract class NamedEntity<Optional = never> extends BaseEntity<Optional> {
  @Property({ type: 'string' })
  nameZh!: string;

  @Property({ type: 'string' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  descriptionZh?: string;

  @Property({ type: 'text', nullable: true })
  descriptionEn?: string;
}
