import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { Coordinate, CurrencyCode } from '../../db/columns.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';

/** Where a rural house stands in its renovation and transfer. */
export const HouseStatus = enumOf({
  IDLE: ['Idle', '闲置'],
  TRANSFERRED: ['Transferred', '已流转'],
  RENOVATING: ['Being renovated', '改建中'],
  RENOVATED: ['Renovated', '已改建'],
  IN_USE: ['In use', '已投用'],
});
export type HouseStatus = EnumValue<typeof HouseStatus>;

/** What a house is used for. */
export const HouseUse = enumOf({
  HOMESTAY: ['Homestay', '民宿'],
  STUDIO: ['Studio', '工作室'],
  OFFICE: ['Office', '办公'],
  RESIDENCE: ['Residence', '居住'],
  CLASSROOM: ['Classroom', '教室'],
  CATERING: ['Catering', '餐饮'],
  EXHIBITION: ['Exhibition', '展览'],
  OTHER: ['Other', '其他'],
});
export type HouseUse = EnumValue<typeof HouseUse>;

/** How a house is transferred (流转). */
export const LeaseMode = enumOf({
  LEASE: ['Lease', '出租', 'rented out for a rent', '出租收取租金'],
  SHARE: ['Shares', '入股', 'the owner household takes a share in the venture', '农户以房屋入股'],
  COOPERATION: ['Co-operation', '合作', 'run together with the owner household', '与农户合作经营'],
  SELF_RUN: ['Self-run', '自营', 'run by the owner household itself', '农户自主经营'],
});
export type LeaseMode = EnumValue<typeof LeaseMode>;

/** A rural house of a village; its owner household is private. */
@VersionedObjectType('A rural house of a village; its owner household is private.')
@Entity({ tableName: 'rural_house' })
export class RuralHouse extends BaseEntity {
  @ManyToOne(() => Village)
  village!: Rel<Village>;

  /** Address within the village in Chinese, e.g. 东山村12号 (the `address` field answers it or `addressEn`). */
  @Property({ type: 'string' })
  address!: string;

  /** Address in English, e.g. No. 12, Dongshan Village. */
  @Property({ type: 'string', nullable: true })
  addressEn?: string;

  @Column(
    () => DecimalScalar,
    { description: 'Floor area in square metres.' },
    { precision: 8, scale: 2, fieldName: 'floor_area_m2' },
  )
  floorAreaM2!: string;

  @Column(() => HouseStatus, { description: 'Renovation and transfer status.' })
  status!: HouseStatus;

  @Column(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse?: HouseUse;

  @Property({ type: 'string', nullable: true })
  ownerHousehold?: string;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Date the renovation was completed.' })
  renovatedOn?: string;

  @Property({ type: 'text', nullable: true })
  renovationNoteZh?: string;

  @Property({ type: 'text', nullable: true })
  renovationNoteEn?: string;

  @Coordinate()
  lat?: string;

  @Coordinate()
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

  @Column(() => LeaseMode, { description: 'How the house is transferred.' })
  mode!: LeaseMode;

  @ManyToOne(() => Talent, { nullable: true })
  lesseeTalent?: Rel<Talent>;

  @ManyToOne(() => Project, { nullable: true })
  lesseeProject?: Rel<Project>;

  @ManyToOne(() => Organization, { nullable: true })
  lesseeOrganization?: Rel<Organization>;

  @Column(() => LocalDateScalar, { description: 'First day.' })
  startsOn!: string;

  @Column(() => LocalDateScalar, { description: 'Agreed end (at most 20 years after the start).' })
  endsOn!: string;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Date it ended early, if it did.' })
  terminatedOn?: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  annualRent?: string;

  @CurrencyCode()
  currency: string = 'CNY';
}
