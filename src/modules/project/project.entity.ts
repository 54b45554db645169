import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { BaseEntity, NamedEntity } from '../../db/base.entity.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';

/** What a project is. */
export enum ProjectKind {
  COLLEGE = 'COLLEGE',
  WORKSTATION = 'WORKSTATION',
  DESIGN_STUDIO = 'DESIGN_STUDIO',
  SCHOOL = 'SCHOOL',
  PASTORAL_COMPLEX = 'PASTORAL_COMPLEX',
  HOMESTAY = 'HOMESTAY',
  STUDIO = 'STUDIO',
  AGRICULTURE = 'AGRICULTURE',
  OTHER = 'OTHER',
}

/** Where a project stands. */
export enum ProjectStatus {
  PLANNED = 'PLANNED',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  OPERATING = 'OPERATING',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}

/** A talent's role in a project. */
export enum ParticipantRole {
  FOUNDER = 'FOUNDER',
  LEAD = 'LEAD',
  MEMBER = 'MEMBER',
  ADVISOR = 'ADVISOR',
}

/** An organisation's role in a project. */
export enum PartnerRole {
  INVESTOR = 'INVESTOR',
  ACADEMIC = 'ACADEMIC',
  OPERATOR = 'OPERATOR',
  GOVERNMENT = 'GOVERNMENT',
  SUPPLIER = 'SUPPLIER',
}

/** A project brought to a town by talents: a college, a workstation, a studio, a school … */
@VersionedObjectType(
  'A project brought to a town by talents: a college, a workstation, a design studio, a school, a pastoral complex …',
)
@Entity({ tableName: 'project' })
export class Project extends NamedEntity {
  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @ManyToOne(() => Village, { nullable: true })
  village?: Rel<Village>;

  @Enum({ items: () => ProjectKind, type: 'string' })
  @Field(() => ProjectKind, { description: 'What the project is.' })
  kind!: ProjectKind;

  @Enum({ items: () => ProjectStatus, type: 'string' })
  @Field(() => ProjectStatus, { description: 'Where it stands.' })
  status!: ProjectStatus;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date.' })
  startedOn?: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Opening date.' })
  openedOn?: string;
}

/** A talent taking part in a project. */
@VersionedObjectType('A talent taking part in a project, with the role.', 'ProjectRole')
@Entity({ tableName: 'project_participant' })
export class ProjectParticipant extends BaseEntity {
  @ManyToOne(() => Project)
  project!: Rel<Project>;

  @ManyToOne(() => Talent)
  talent!: Rel<Talent>;

  @Enum({ items: () => ParticipantRole, type: 'string' })
  @Field(() => ParticipantRole, { description: 'Role in the project.' })
  role!: ParticipantRole;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string;
}

/** An organisation taking part in a project. */
@VersionedObjectType('An organisation taking part in a project, with the role.')
@Entity({ tableName: 'project_partner' })
export class ProjectPartner extends BaseEntity {
  @ManyToOne(() => Project)
  project!: Rel<Project>;

  @ManyToOne(() => Organization)
  organization!: Rel<Organization>;

  @Enum({ items: () => PartnerRole, type: 'string' })
  @Field(() => PartnerRole, { description: 'Role in the project.' })
  role!: PartnerRole;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string;
}
