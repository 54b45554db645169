import { Entity, Property } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';
import { NamedEntity } from '../../db/base.entity.js';
import { Column } from '../../graphql/column.js';
import { VersionedObjectType } from '../../graphql/types.js';

/** One of the twelve village themes 琴棋书画 诗酒花茶 歌舞影媒. */
@VersionedObjectType('A village theme: one of 琴 棋 书 画 诗 酒 花 茶 歌 舞 影 媒.')
@Entity({ tableName: 'theme' })
export class Theme extends NamedEntity<'slug'> {
  @Column(() => String, { description: 'Stable code, e.g. "tea" for 茶.' }, { unique: true })
  code!: string;

  /**
   * A theme's slug is its code: already unique, stable (the twelve are fixed and their codes never
   * change), ASCII and readable; a column generated from the code, so that the two cannot differ.
   */
  @Property({ type: 'string', generated: '(code) stored', unique: true })
  @Field(() => String, { description: 'URL slug: the theme’s code (e.g. "tea"); `theme(code:)` finds it.' })
  slug!: string;

  @Column(
    () => Int,
    { description: 'Position in the traditional order 琴棋书画 诗酒花茶 歌舞影媒 (1–12).' },
    { unique: true },
  )
  position!: number;
}
