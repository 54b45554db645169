import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { NamedEntity } from '../../db/base.entity.js';
import { VersionedObjectType } from '../../graphql/types.js';

/** Administrative level of a region. */
export enum RegionKind {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  TOWN = 'TOWN',
}

/** A city, district or town (威海 → 文登 → 大水泊). */
@VersionedObjectType('A city, district or town (威海 → 文登 → 大水泊).')
@Entity({ tableName: 'region' })
export class Region extends NamedEntity {
  @Property({ type: 'string', unique: true })
  @Field(() => String, { description: 'Stable slug, e.g. "dashuibo".' })
  code!: string;

  @Enum({ items: () => RegionKind, type: 'string' })
  @Field(() => RegionKind, { description: 'Administrative level.' })
  kind!: RegionKind;

  @ManyToOne(() => Region, { nullable: true })
  parent?: Rel<Region>;
}
