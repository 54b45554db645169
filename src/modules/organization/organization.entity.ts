import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { NamedEntity } from '../../db/base.entity.js';
import { VersionedObjectType } from '../../graphql/types.js';
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
@VersionedObjectType('A university, company, fund, co-operative or public body.')
@Entity({ tableName: 'organization' })
export class Organization extends NamedEntity<'isDemo'> {
  @Enum({ items: () => OrganizationKind, type: 'string' })
  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @ManyToOne(() => Region, { nullable: true })
  region?: Rel<Region>;

  @Property({ type: 'string', nullable: true })
  @Field(() => String, { nullable: true, description: 'Web site.' })
  website?: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
  isDemo: boolean = false;
}
