import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';

/** Highest academic degree. */
export const Degree = enumOf({
  DOCTORATE: ['Doctorate', '博士'],
  MASTER: ['Master’s degree', '硕士'],
  BACHELOR: ['Bachelor’s degree', '学士'],
  OTHER: ['Other', '其他'],
});
export type Degree = EnumValue<typeof Degree>;

/** Talent tier in the town's talent programme. */
export const TalentTier = enumOf({
  LEADING: ['Leading talent', '领军人才'],
  HIGH_LEVEL: ['High-level talent', '高层次人才'],
  SKILLED: ['Skilled talent', '技能人才'],
});
export type TalentTier = EnumValue<typeof TalentTier>;

/** How a talent is settled in the town. */
export const Settlement = enumOf({
  RESIDENT: ['Resident', '扎根', 'lives and works in the town', '在本镇定居工作'],
  FLEXIBLE: ['Flexible', '柔性', 'works with the town from elsewhere', '在外地柔性服务本镇'],
  DEPARTED: ['Departed', '离开', 'has left the town', '已离开本镇'],
});
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

  /** Title or qualification in Chinese, e.g. 清华大学建筑学博士 (the `title` field answers it or `titleEn`). */
  @Property({ type: 'string', nullable: true })
  title?: string;

  /** Title or qualification in English, e.g. PhD in Architecture, Tsinghua University. */
  @Property({ type: 'string', nullable: true })
  titleEn?: string;

  @Column(() => TalentTier, { nullable: true, description: 'Tier in the talent programme.' })
  tier?: TalentTier;

  /** Field of expertise in Chinese, e.g. 建筑学 (the `field` field answers it or `fieldEn`). */
  @Property({ type: 'string', nullable: true })
  field?: string;

  /** Field of expertise in English, e.g. Architecture. */
  @Property({ type: 'string', nullable: true })
  fieldEn?: string;

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
