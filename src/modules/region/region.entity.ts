import { Entity, ManyToOne, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { VersionedObjectType } from '../../graphql/types.js';

/** Administrative level of a region. */
export const RegionKind = enumOf({
  PROVINCE: ['Province', '省'],
  CITY: ['City', '市'],
  DISTRICT: ['District', '区县', 'a district or county-level city', '区或县级市'],
  TOWN: ['Town', '镇'],
});
export type RegionKind = EnumValue<typeof RegionKind>;

/** A city, district or town (威海 → 文登 → 大水泊). */
@VersionedObjectType('A city, district or town (威海 → 文登 → 大水泊).')
@Entity({ tableName: 'region' })
export class Region extends NamedEntity {
  @Column(() => String, { description: 'Stable slug, e.g. "dashuibo".' }, { unique: true })
  code!: string;

  @Column(() => RegionKind, { description: 'Administrative level.' })
  kind!: RegionKind;

  @ManyToOne(() => Region, { nullable: true })
  parent?: Rel<Region>;
}
