import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';

/** Where a rural house stands in its renovation and transfer. */
export enum HouseStatus {
  IDLE = 'IDLE',
  TRANSFERRED = 'TRANSFERRED',
  RENOVATING = 'RENOVATING',
  RENOVATED = 'RENOVATED',
  IN_USE = 'IN_USE',
}

/** What a house is used for. */
export enum HouseUse {
  HOMESTAY = 'HOMESTAY',
  STUDIO = 'STUDIO',
  OFFICE = 'OFFICE',
  RESIDENCE = 'RESIDENCE',
  CLASSROOM = 'CLASSROOM',
  CATERING = 'CATERING',
  EXHIBITION = 'EXHIBITION',
  OTHER = 'OTHER',
}

/** How a house is transferred (流转). */
export enum LeaseMode {
  LEASE = 'LEASE',
  SHARE = 'SHARE',
  COOPERATION = 'COOPERATION',
  SELF_RUN = 'SELF_RUN',
}

/** A rural house of a village; its owner household is private. */
@VersionedObjectType('A rural house of a village; its owner household is private.')
@Entity({ tableName: 'rural_house' })
export class RuralHouse extends BaseEntity {
  @ManyToOne(() => Village)
  village!: Rel<Village>;

  @Property({ type: 'string' })
  @Field(() => String, { description: 'Address within the village.' })
  address!: string;

  @Property({ type: 'decimal', precision: 8, scale: 2, fieldName: 'floor_area_m2' })
  @Field(() => DecimalScalar, { description: 'Floor area in square metres.' })
  floorAreaM2!: string;

  @Enum({ items: () => HouseStatus, type: 'string' })
  @Field(() => HouseStatus, { description: 'Renovation and transfer status.' })
  status!: HouseStatus;

  @Enum({ items: () => HouseUse, type: 'string', nullable: true })
  @Field(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse?: HouseUse;

  @Property({ type: 'string', nullable: true })
  ownerHousehold?: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the renovation was completed.' })
  renovatedOn?: string;

  @Property({ type: 'text', nullable: true })
  renovationNoteZh?: string;

  @Property({ type: 'text', nullable: true })
  renovationNoteEn?: string;

  @Property({ type: 'decimal', precision: 9, scale: 6, nullable: true })
  lat?: string;

  @Property({ type: 'decimal', precision: 9, scale: 6, nullable: true })
  lng?: string;
}

/** A transfer (流转) of a house to exactly one lessee: a talent, a project or an organisation. */
@VersionedObjectType(
  'A transfer (流转) of a house to a talent, a project or an organisation; at most 20 years.',
)
@Entity({ tableName: 'lease' })
export class Lease extends BaseEntity<'currency'> {
  @ManyToOne(() => RuralHouse)
  house!: Rel<RuralHouse>;

  @Enum({ items: () => LeaseMode, type: 'string' })
  @Field(() => LeaseMode, { description: 'How the house is transferred.' })
  mode!: LeaseMode;

  @ManyToOne(() => Talent, { nullable: true })
  lesseeTalent?: Rel<Talent>;

  @ManyToOne(() => Project, { nullable: true })
  lesseeProject?: Rel<Project>;

  @ManyToOne(() => Organization, { nullable: true })
  lesseeOrganization?: Rel<Organization>;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'First day.' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Agreed end (at most 20 years after the start).' })
  endsOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it ended early, if it did.' })
  terminatedOn?: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  annualRent?: string;

  @Property({ type: 'string', columnType: 'char(3)' })
  currency: string = 'CNY';
}
