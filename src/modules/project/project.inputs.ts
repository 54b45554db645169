import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { NameChanges, NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { ParticipantRole, PartnerRole, ProjectKind, ProjectStatus } from './project.entity.js';
import { Project, ProjectPartner, ProjectRole } from './project.types.js';

@InputType({ description: 'A project in a town; its Chinese name is unique within the town.' })
export class CreateProjectInput extends NewNames {
  @Field(() => ID, { description: 'The town (a Region).' })
  townId: string;
  @Field(() => ID, { nullable: true, description: 'The village, which must be in the town.' })
  villageId?: string | null;
  @Field(() => ProjectKind, { description: 'What it is.' })
  kind: ProjectKind;
  @Field(() => ProjectStatus, { description: 'Where it stands.' })
  status: ProjectStatus;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date.' })
  startedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Opening date, not before the start.' })
  openedOn?: string | null;
}

@InputType({ description: 'Changes to a project; omitted fields stay, null clears an optional one.' })
export class UpdateProjectInput extends NameChanges {
  @Field(() => ID, { description: 'The project.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => ID, { nullable: true, description: 'The village; null: not in a village.' })
  villageId?: string | null;
  @Field(() => ProjectKind, { nullable: true, description: 'What it is.' })
  kind?: ProjectKind | null;
  @Field(() => ProjectStatus, { nullable: true, description: 'Where it stands.' })
  status?: ProjectStatus | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date.' })
  startedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Opening date.' })
  openedOn?: string | null;
}

@InputType({ description: 'A talent joining a project with a role.' })
export class AddProjectParticipantInput {
  @Field(() => ID, { description: 'The project.' })
  projectId: string;
  @Field(() => ID, { description: 'The talent.' })
  talentId: string;
  @Field(() => ParticipantRole, { description: 'Role in the project.' })
  role: ParticipantRole;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string | null;
}

@InputType({ description: 'An organisation joining a project with a role.' })
export class AddProjectPartnerInput {
  @Field(() => ID, { description: 'The project.' })
  projectId: string;
  @Field(() => ID, { description: 'The organisation.' })
  organizationId: string;
  @Field(() => PartnerRole, { description: 'Role in the project.' })
  role: PartnerRole;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Since when.' })
  since?: string | null;
}

@InputType({ description: 'A link to remove (a ProjectRole, ProjectPartner or UnionMembership).' })
export class RemoveLinkInput {
  @Field(() => ID, { description: 'Global id of the link.' })
  id: string;
}

export const ProjectPayload = PayloadOf(Project, 'Project', 'project');
export const ProjectRolePayload = PayloadOf(ProjectRole, 'ProjectRole', 'projectRole');
export const ProjectPartnerPayload = PayloadOf(ProjectPartner, 'ProjectPartner', 'projectPartner');
