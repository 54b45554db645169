import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { DateFilter, EnumFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { RegionWhere } from '../region/region.types.js';
import { TalentWhere } from '../talent/talent.types.js';
import { VillageWhere } from '../village/village.types.js';
import { ParticipantRole, PartnerRole, ProjectKind, ProjectStatus } from './project.entity.js';

registerEnumType(ProjectKind, { name: 'ProjectKind', description: 'What a project is.' });
registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Where a project stands.' });
registerEnumType(ParticipantRole, { name: 'ParticipantRole', description: 'A talent’s role in a project.' });
registerEnumType(PartnerRole, { name: 'PartnerRole', description: 'An organisation’s role in a project.' });

/** A project brought to a town by talents. */
@ObjectType({
  implements: [Node, VersionedNode],
  description:
    'A project brought to a town by talents: a college, a workstation, a design studio, a school, a pastoral complex …',
})
export class Project extends VersionedNode {
  @Field(() => ProjectKind, { description: 'What the project is.' })
  kind: ProjectKind;

  @Field(() => ProjectStatus, { description: 'Where it stands.' })
  status: ProjectStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date.' })
  startedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Opening date.' })
  openedOn?: string | null;
}

/** A talent's role in a project. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A talent taking part in a project, with the role.',
})
export class ProjectRole extends VersionedNode {
  @Field(() => ParticipantRole, { description: 'Role in the project.' })
  role: ParticipantRole;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string | null;
}

/** An organisation's role in a project. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'An organisation taking part in a project, with the role.',
})
export class ProjectPartner extends VersionedNode {
  @Field(() => PartnerRole, { description: 'Role in the project.' })
  role: PartnerRole;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string | null;
}

export enum ProjectOrderField {
  NAME = 'NAME',
  STARTED_ON = 'STARTED_ON',
}
registerEnumType(ProjectOrderField, {
  name: 'ProjectOrderField',
  description: 'Sortable fields of projects.',
});

export enum ProjectRoleOrderField {
  ROLE = 'ROLE',
  SINCE = 'SINCE',
}
registerEnumType(ProjectRoleOrderField, {
  name: 'ProjectRoleOrderField',
  description: 'Sortable fields of project roles and partners. ROLE sorts by the rank of the role.',
});

const ProjectKindFilter = EnumFilter(ProjectKind, 'ProjectKind');
const ProjectStatusFilter = EnumFilter(ProjectStatus, 'ProjectStatus');
const ParticipantRoleFilter = EnumFilter(ParticipantRole, 'ParticipantRole');
const PartnerRoleFilter = EnumFilter(PartnerRole, 'PartnerRole');

@InputType({ description: 'Conditions on projects; all given fields must hold.' })
export class ProjectWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The project itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => ProjectKindFilter, { nullable: true, description: 'Kind.' })
  kind?: InstanceType<typeof ProjectKindFilter>;
  @Field(() => ProjectStatusFilter, { nullable: true, description: 'Status.' })
  status?: InstanceType<typeof ProjectStatusFilter>;
  @Field(() => DateFilter, { nullable: true, description: 'Start date.' })
  startedOn?: InstanceType<typeof DateFilter>;
  @Field(() => RegionWhere, { nullable: true, description: 'The town matches.' })
  town?: RegionWhere;
  @Field(() => VillageWhere, { nullable: true, description: 'The village matches.' })
  village?: VillageWhere;
  @Field(() => [ProjectWhere], { nullable: true, description: 'All of these hold.' })
  and?: ProjectWhere[];
  @Field(() => [ProjectWhere], { nullable: true, description: 'Any of these holds.' })
  or?: ProjectWhere[];
  @Field(() => ProjectWhere, { nullable: true, description: 'This does not hold.' })
  not?: ProjectWhere;
}

@InputType({ description: 'Conditions on project roles; all given fields must hold.' })
export class ProjectRoleWhere {
  @Field(() => ParticipantRoleFilter, { nullable: true, description: 'Role.' })
  role?: InstanceType<typeof ParticipantRoleFilter>;
  @Field(() => ProjectWhere, { nullable: true, description: 'The project matches.' })
  project?: ProjectWhere;
  @Field(() => TalentWhere, { nullable: true, description: 'The talent matches.' })
  talent?: TalentWhere;
  @Field(() => [ProjectRoleWhere], { nullable: true, description: 'All of these hold.' })
  and?: ProjectRoleWhere[];
  @Field(() => [ProjectRoleWhere], { nullable: true, description: 'Any of these holds.' })
  or?: ProjectRoleWhere[];
  @Field(() => ProjectRoleWhere, { nullable: true, description: 'This does not hold.' })
  not?: ProjectRoleWhere;
}

@InputType({ description: 'Conditions on project partners; all given fields must hold.' })
export class ProjectPartnerWhere {
  @Field(() => PartnerRoleFilter, { nullable: true, description: 'Role.' })
  role?: InstanceType<typeof PartnerRoleFilter>;
  @Field(() => ProjectWhere, { nullable: true, description: 'The project matches.' })
  project?: ProjectWhere;
  @Field(() => OrganizationWhere, { nullable: true, description: 'The organisation matches.' })
  organization?: OrganizationWhere;
  @Field(() => [ProjectPartnerWhere], { nullable: true, description: 'All of these hold.' })
  and?: ProjectPartnerWhere[];
  @Field(() => [ProjectPartnerWhere], { nullable: true, description: 'Any of these holds.' })
  or?: ProjectPartnerWhere[];
  @Field(() => ProjectPartnerWhere, { nullable: true, description: 'This does not hold.' })
  not?: ProjectPartnerWhere;
}

export const ProjectOrder = OrderInput(ProjectOrderField, 'Project');
export const ProjectListArgs = ListArgsOf(ProjectWhere, ProjectOrder, 'project');
export const ProjectRoleOrder = OrderInput(ProjectRoleOrderField, 'ProjectRole');
export const ProjectRoleListArgs = ListArgsOf(ProjectRoleWhere, ProjectRoleOrder, 'project role');
export const ProjectPartnerOrder = OrderInput(ProjectRoleOrderField, 'ProjectPartner');
export const ProjectPartnerListArgs = ListArgsOf(ProjectPartnerWhere, ProjectPartnerOrder, 'project partner');

@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection extends ConnectionOf(Project, 'Project') {}

@ObjectType({ description: 'A page of project roles.' })
export class ProjectRoleConnection extends ConnectionOf(ProjectRole, 'ProjectRole') {}

@ObjectType({ description: 'A page of project partners.' })
export class ProjectPartnerConnection extends ConnectionOf(ProjectPartner, 'ProjectPartner') {}
