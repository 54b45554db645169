import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';

/** Highest academic degree. */
export enum Degree {
  DOCTORATE = 'DOCTORATE',
  MASTER = 'MASTER',
  BACHELOR = 'BACHELOR',
  OTHER = 'OTHER',
}

/** Talent tier in the town's talent programme. */
export enum TalentTier {
  LEADING = 'LEADING',
  HIGH_LEVEL = 'HIGH_LEVEL',
  SKILLED = 'SKILLED',
}

/** How a talent is settled in the town: 扎根 resident, 柔性 flexible, or departed. */
export enum Settlement {
  RESIDENT = 'RESIDENT',
  FLEXIBLE = 'FLEXIBLE',
  DEPARTED = 'DEPARTED',
}

/** A high-level talent attracted to a town. Full name and contact details are private. */
@VersionedObjectType(
  'A high-level talent attracted to a town. Anonymous callers see only talents who consented to a public profile, and only their public fields.',
)
@Entity({ tableName: 'talent' })
export class Talent extends BaseEntity<'publicProfile' | 'contactConsent' | 'isDemo'> {
  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @Property({ type: 'string' })
  @Field(() => String, { description: 'Public display name.' })
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

  @Enum({ items: () => Degree, type: 'string', nullable: true })
  @Field(() => Degree, { nullable: true, description: 'Highest degree.' })
  degree?: Degree;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'Title or qualification, e.g. 清华大学建筑学博士.' })
  title?: string;

  @Enum({ items: () => TalentTier, type: 'string', nullable: true })
  @Field(() => TalentTier, { nullable: true, description: 'Tier in the talent programme.' })
  tier?: TalentTier;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'Field of expertise, e.g. architecture.' })
  field?: string;

  @ManyToOne(() => Organization, { nullable: true })
  affiliation?: Rel<Organization>;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'City the talent came from, e.g. 北京.' })
  originCity?: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of arrival in the town.' })
  arrivedOn?: string;

  @Enum({ items: () => Settlement, type: 'string' })
  @Field(() => Settlement, { description: 'Resident, flexible or departed.' })
  settlement!: Settlement;

  @Property({ type: 'boolean' })
  publicProfile: boolean = false;

  @Property({ type: 'boolean' })
  contactConsent: boolean = false;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'A generated person of the demo dataset, not a real one.' })
  isDemo: boolean = false;
}
