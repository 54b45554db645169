import { Collection, Entity, ManyToMany, ManyToOne, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';
import { Coordinate } from '../../db/columns.js';
import { Column } from '../../graphql/column.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Region } from '../region/region.entity.js';
import { SlugColumn } from '../slug/slug.js';
import { Theme } from '../theme/theme.entity.js';

/** A village of a town; specialty villages carry one or more themes. */
@VersionedObjectType('A village of a town; specialty villages carry one or more themes.')
@Entity({ tableName: 'village' })
export class Village extends NamedEntity<'isSpecialty' | 'photos' | 'themes' | 'slug'> {
  @SlugColumn('village')
  slug!: string;

  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @Column(() => Boolean, { description: 'A themed specialty village (特色村).' })
  isSpecialty: boolean = false;

  @Coordinate()
  lat?: string;

  @Coordinate()
  lng?: string;

  @Column(() => [String], {
    description: 'Photo URLs.',
    deprecationReason:
      'Use `images` (with `coverImage`): pictures with sizes, a card variant and alternative texts.',
  })
  photos: string[] = [];

  @ManyToMany({
    entity: () => Theme,
    pivotTable: 'village_theme',
    joinColumn: 'village_id',
    inverseJoinColumn: 'theme_id',
  })
  themes = new Collection<Theme>(this);
}
