import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
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
@Entity({ tableName: 'rural_house' })
export class RuralHouse extends BaseEntity {
  @ManyToOne(() => Village)
  village!: Rel<Village>;

  @Property({ type: 'string' })
  address!: string;

  @Property({ type: 'decimal', precision: 8, scale: 2, fieldName: 'floor_area_m2' })
  floorAreaM2!: string;

  @Enum({ items: () => HouseStatus, type: 'string' })
  status!: HouseStatus;

  @Enum({ items: () => HouseUse, type: 'string', nullable: true })
  currentUse?: HouseUse;

  @Property({ type: 'string', nullable: true })
  ownerHousehold?: string;

  @Property({ type: 'date', nullable: true })
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
@Entity({ tableName: 'lease' })
export class Lease extends BaseEntity<'currency'> {
  @ManyToOne(() => RuralHouse)
  house!: Rel<RuralHouse>;

  @Enum({ items: () => LeaseMode, type: 'string' })
  mode!: LeaseMode;

  @ManyToOne(() => Talent, { nullable: true })
  lesseeTalent?: Rel<Talent>;

  @ManyToOne(() => Project, { nullable: true })
  lesseeProject?: Rel<Project>;

  @ManyToOne(() => Organization, { nullable: true })
  lesseeOrganization?: Rel<Organization>;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  @Property({ type: 'date', nullable: true })
  terminatedOn?: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  annualRent?: string;

  @Property({ type: 'string', columnType: 'char(3)' })
  currency: string = 'CNY';
}
