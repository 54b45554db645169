import { Entity, Property } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';

/** One of the twelve village themes 琴棋书画 诗酒花茶 歌舞影媒. */
@Entity({ tableName: 'theme' })
export class Theme extends NamedEntity {
  @Property({ type: 'string', unique: true })
  code!: string;

  @Property({ type: 'integer', unique: true })
  position!: number;
}
