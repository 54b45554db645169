import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';
import { Region } from '../region/region.entity.js';

/** What kind of body an organisation is. */
export enum OrganizationKind {
  UNIVERSITY = 'UNIVERSITY',
  COMPANY = 'COMPANY',
  FUND = 'FUND',
  COOPERATIVE = 'COOPERATIVE',
  PUBLIC_BODY = 'PUBLIC_BODY',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
}

/** A university, company, fund, co-operative or public body. */
@Entity({ tableName: 'organization' })
export class Organization extends NamedEntity<'isDemo'> {
  @Enum({ items: () => OrganizationKind, type: 'string' })
  kind!: OrganizationKind;

  @ManyToOne(() => Region, { nullable: true })
  region?: Rel<Region>;

  @Property({ type: 'string', nullable: true })
  website?: string;

  @Property({ type: 'boolean' })
  isDemo: boolean = false;
}
