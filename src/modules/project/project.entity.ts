import { Entity, ManyToOne, type Rel } from '@mikro-orm/core';
import { BaseEntity, NamedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';
import { SlugColumn } from '../slug/slug.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';

/** What a project is. */
export const ProjectKind = enumOf({
  COLLEGE: ['College', '学院'],
  WORKSTATION: ['Workstation', '工作站'],
  DESIGN_STUDIO: ['Design studio', '设计工作室'],
  SCHOOL: ['School', '学校'],
  PASTORAL_COMPLEX: ['Pastoral complex', '田园综合体'],
  HOMESTAY: ['Homestay', '民宿'],
  STUDIO: ['Studio', '工作室'],
  AGRICULTURE: ['Agriculture', '农业'],
  OTHER: ['Other', '其他'],
});
export type ProjectKind = EnumValue<typeof ProjectKind>;

/** Where a project stands. */
export const ProjectStatus = enumOf({
  PLANNED: ['Planned', '规划中'],
  UNDER_CONSTRUCTION: ['Under construction', '建设中'],
  OPERATING: ['Operating', '运营中'],
  SUSPENDED: ['Suspended', '暂停'],
  CLOSED: ['Closed', '已关闭'],
});
export type ProjectStatus = EnumValue<typeof ProjectStatus>;

/** A talent's role in a project. */
export const ParticipantRole = enumOf({
  FOUNDER: ['Founder', '创始人'],
  LEAD: ['Lead', '负责人'],
  MEMBER: ['Member', '成员'],
  ADVISOR: ['Advisor', '顾问'],
});
export type ParticipantRole = EnumValue<typeof ParticipantRole>;

/** An organisation's role in a project. */
export const PartnerRole = enumOf({
  INVESTOR: ['Investor', '投资方'],
  ACADEMIC: ['Academic partner', '学术合作方'],
  OPERATOR: ['Operator', '运营方'],
  GOVERNMENT: ['Government', '政府'],
  SUPPLIER: ['Supplier', '供应商'],
});
export type PartnerRole = EnumValue<typeof PartnerRole>;

/** A project brought to a town by talents: a college, a workstation, a studio, a school … */
@VersionedObjectType(
  'A project brought to a town by talents: a college, a workstation, a design studio, a school, a pastoral complex …',
)
@Entity({ tableName: 'project' })
export class Project extends NamedEntity<'slug'> {
  @SlugColumn('project')
  slug!: string;

  @ManyToOne(() => Region)
  town!: Rel<Region>;

  @ManyToOne(() => Village, { nullable: true })
  village?: Rel<Village>;

  @Column(() => ProjectKind, { description: 'What the project is.' })
  kind!: ProjectKind;

  @Column(() => ProjectStatus, { description: 'Where it stands.' })
  status!: ProjectStatus;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Start date.' })
  startedOn?: string;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Opening date.' })
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

  @Column(() => ParticipantRole, { description: 'Role in the project.' })
  role!: ParticipantRole;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
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

  @Column(() => PartnerRole, { description: 'Role in the project.' })
  role!: PartnerRole;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string;
}
