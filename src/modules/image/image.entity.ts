import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Int } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity.js';
import { Column } from '../../graphql/column.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { RuralHouse } from '../house/house.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';

/**
 * A picture of exactly one village, house, project or talent (a talent's is their avatar), stored
 * under `storageKey` as an original and a card-sized variant; uploaded by officials (`POST /images`).
 */
@VersionedObjectType(
  'A picture of a village, a rural house, a project, or a talent (their avatar), with its alternative text in both languages. `url` is the original (metadata stripped), `cardUrl` a smaller WebP for cards and lists.',
)
@Entity({ tableName: 'image' })
export class Image extends VersionedEntity<'isCover' | 'position' | 'consent'> {
  @ManyToOne(() => Village, { nullable: true })
  village?: Rel<Village>;

  @ManyToOne(() => RuralHouse, { nullable: true })
  house?: Rel<RuralHouse>;

  @ManyToOne(() => Project, { nullable: true })
  project?: Rel<Project>;

  @ManyToOne(() => Talent, { nullable: true })
  talent?: Rel<Talent>;

  /** Names its files in the storage: `<key>.<ext>` (the original) and `<key>.card.webp`; never reused. */
  @Property({ type: 'string' })
  storageKey!: string;

  @Column(() => String, { description: 'Media type of the original: image/jpeg, image/png or image/webp.' })
  contentType!: string;

  @Column(() => Int, { description: 'Width of the original in pixels.' })
  width!: number;

  @Column(() => Int, { description: 'Height of the original in pixels.' })
  height!: number;

  @Column(() => Int, { description: 'Width of the card variant (`cardUrl`) in pixels.' })
  cardWidth!: number;

  @Column(() => Int, { description: 'Height of the card variant (`cardUrl`) in pixels.' })
  cardHeight!: number;

  /** Size of the stored original; null for a demo picture, which is made when first asked for. */
  @Property({ type: 'integer', nullable: true })
  bytes?: number;

  @Property({ type: 'text', nullable: true })
  altZh?: string;

  @Property({ type: 'text', nullable: true })
  altEn?: string;

  @Property({ type: 'text', nullable: true })
  captionZh?: string;

  @Property({ type: 'text', nullable: true })
  captionEn?: string;

  @Column(() => String, { nullable: true, description: 'Who made the picture (photographer, source).' })
  credit?: string;

  @Column(() => Boolean, {
    description: 'The cover of its village, house or project (at most one each; `coverImage`).',
  })
  isCover: boolean = false;

  @Column(() => Int, {
    description: 'Place among the pictures of its owner, lowest first (after the cover).',
  })
  position: number = 0;

  @Column(() => Boolean, {
    description:
      'For a talent’s picture: the talent agreed to publish it. Anonymous callers see a talent’s picture only with this and a public profile.',
  })
  consent: boolean = false;
}
