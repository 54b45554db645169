import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';

/** Administrative level of a region. */
export enum RegionKind {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  TOWN = 'TOWN',
}

/** A city, district or town (威海 → 文登 → 大水泊). */
@Entity({ tableName: 'region' })
export class Region extends NamedEntity {
  @Property({ type: 'string', unique: true })
  code!: string;

  @Enum({ items: () => RegionKind, type: 'string' })
  kind!: RegionKind;

  @ManyToOne(() => Region, { nullable: true })
  parent?: Rel<Region>;
}
