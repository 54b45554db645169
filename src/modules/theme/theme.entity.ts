import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';

/** One of the twelve village themes 琴棋书画 诗酒花茶 歌舞影媒. */
@Entity({ tableName: 'theme' })
export class Theme extends BaseEntity {
  @Property({ type: 'string', unique: true })
  code!: string;

  @Property({ type: 'integer', unique: true })
  position!: number;

  @Property({ type: 'string' })
  nameZh!: string;

  @Property({ type: 'string' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  descriptionZh?: string;

  @Property({ type: 'text', nullable: true })
  descriptionEn?: string;
}
