import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
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
@Entity({ tableName: 'talent' })
export class Talent extends BaseEntity<'publicProfile' | 'contactConsent' | 'isDemo'> {
  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @Property({ type: 'string' })
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
  degree?: Degree;

  @Property({ type: 'string', nullable: true })
  title?: string;

  @Enum({ items: () => TalentTier, type: 'string', nullable: true })
  tier?: TalentTier;

  @Property({ type: 'string', nullable: true })
  field?: string;

  @ManyToOne(() => Organization, { nullable: true })
  affiliation?: Rel<Organization>;

  @Property({ type: 'string', nullable: true })
  originCity?: string;

  @Property({ type: 'date', nullable: true })
  arrivedOn?: string;

  @Enum({ items: () => Settlement, type: 'string' })
  settlement!: Settlement;

  @Property({ type: 'boolean' })
  publicProfile: boolean = false;

  @Property({ type: 'boolean' })
  contactConsent: boolean = false;

  @Property({ type: 'boolean' })
  isDemo: boolean = false;
}
