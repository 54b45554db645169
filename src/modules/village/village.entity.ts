import { Collection, Entity, ManyToMany, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';
import { Region } from '../region/region.entity.js';
import { Theme } from '../theme/theme.entity.js';

/** A village of a town; specialty villages carry one or more themes. */
@Entity({ tableName: 'village' })
export class Village extends NamedEntity<'isSpecialty' | 'photos' | 'themes'> {
  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @Property({ type: 'boolean' })
  isSpecialty: boolean = false;

  @Property({ type: 'decimal', precision: 9, scale: 6, nullable: true })
  lat?: string;

  @Property({ type: 'decimal', precision: 9, scale: 6, nullable: true })
  lng?: string;

  @Property({ type: 'string[]', columnType: 'text[]' })
  photos: string[] = [];

  @ManyToMany({
    entity: () => Theme,
    pivotTable: 'village_theme',
    joinColumn: 'village_id',
    inverseJoinColumn: 'theme_id',
  })
  themes = new Collection<Theme>(this);
}
