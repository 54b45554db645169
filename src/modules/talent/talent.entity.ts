import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';

/** Highest academic degree. */
export const Degree = enumOf('DOCTORATE MASTER BACHELOR OTHER');
export type Degree = EnumValue<typeof Degree>;

/** Talent tier in the town's talent programme. */
export const TalentTier = enumOf('LEADING HIGH_LEVEL SKILLED');
export type TalentTier = EnumValue<typeof TalentTier>;

/** How a talent is settled in the town: 扎根 resident, 柔性 flexible, or departed. */
export const Settlement = enumOf('RESIDENT FLEXIBLE DEPARTED');
export type Settlement = EnumValue<typeof Settlement>;

/** A high-level talent attracted to a town. Full name and contact details are private. */
@VersionedObjectType(
  'A high-level talent attracted to a town. Anonymous callers see only talents who consented to a public profile, and only their public fields.',
)
@Entity({ tableName: 'talent' })
export class Talent extends BaseEntity<'publicProfile' | 'contactConsent' | 'isDemo'> {
  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @Column(() => String, { description: 'Public display name.' })
  displayName!: string;

  @Property({ type: 'string' })
  fullName!: string;

  @Property({ type: 'string', nullable: true })
  phone?: string;

  @Property({ type: 'string', nullable: true })
  email?: string;

  @Property({ type: 'text', nullable: true })
  bioZh?: string;

  @Property({ type: 'text', nullable: true })
  bioEn?: string;

  @Column(() => Degree, { nullable: true, description: 'Highest degree.' })
  degree?: Degree;

  @Column(() => String, { nullable: true, description: 'Title or qualification, e.g. 清华大学建筑学博士.' })
  title?: string;

  @Column(() => TalentTier, { nullable: true, description: 'Tier in the talent programme.' })
  tier?: TalentTier;

  @Column(() => String, { nullable: true, description: 'Field of expertise, e.g. architecture.' })
  field?: string;

  @ManyToOne(() => Organization, { nullable: true })
  affiliation?: Rel<Organization>;

  @Column(() => String, { nullable: true, description: 'City the talent came from, e.g. 北京.' })
  originCity?: string;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Date of arrival in the town.' })
  arrivedOn?: string;

  @Column(() => Settlement, { description: 'Resident, flexible or departed.' })
  settlement!: Settlement;

  @Property({ type: 'boolean' })
  publicProfile: boolean = false;

  @Property({ type: 'boolean' })
  contactConsent: boolean = false;

  @Column(() => Boolean, { description: 'A generated person of the demo dataset, not a real one.' })
  isDemo: boolean = false;
}
