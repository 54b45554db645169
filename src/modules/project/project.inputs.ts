import { ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { InputField, NewNames, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { SlugInput } from '../slug/slug.js';
import { ParticipantRole, PartnerRole, ProjectKind, ProjectStatus } from './project.entity.js';
import { Project, ProjectPartner, ProjectRole } from './project.types.js';

export { RemoveLinkInput } from '../../graphql/write/inputs.js';

@InputType({ description: 'A project in a town; its Chinese name is unique within the town.' })
export class CreateProjectInput extends NewNames {
  @InputField(() => ID, 'The town (a Region).', { required: true, ref: true })
  townId: string;
  @InputField(() => ID, 'The village, which must be in the town; null: not in a village.', { ref: true })
  villageId?: string | null;
  @InputField(() => ProjectKind, 'What it is.', { kind: 'value', required: true })
  kind: ProjectKind;
  @InputField(() => ProjectStatus, 'Where it stands.', { kind: 'value', required: true })
  status: ProjectStatus;
  @InputField(() => LocalDateScalar, 'Start date.', { kind: 'date' })
  startedOn?: string | null;
  @InputField(() => LocalDateScalar, 'Opening date, not before the start.', { kind: 'date' })
  openedOn?: string | null;
  @SlugInput()
  slug?: string | null;
}

@InputType({ description: 'Changes to a project; omitted fields stay, null clears an optional one.' })
export class UpdateProjectInput extends UpdateInputOf(CreateProjectInput, ['townId']) {}

@InputType({ description: 'A talent joining a project with a role.' })
export class AddProjectParticipantInput {
  @InputField(() => ID, 'The project.', { required: true, ref: true })
  projectId: string;
  @InputField(() => ID, 'The talent.', { required: true, ref: true })
  talentId: string;
  @InputField(() => ParticipantRole, 'Role in the project.', { kind: 'value', required: true })
  role: ParticipantRole;
  @InputField(() => LocalDateScalar, 'Since when, not in the future.', { kind: 'date', notFuture: true })
  since?: string | null;
}

@InputType({ description: 'An organisation joining a project with a role.' })
export class AddProjectPartnerInput {
  @InputField(() => ID, 'The project.', { required: true, ref: true })
  projectId: string;
  @InputField(() => ID, 'The organisation.', { required: true, ref: true })
  organizationId: string;
  @InputField(() => PartnerRole, 'Role in the project.', { kind: 'value', required: true })
  role: PartnerRole;
  @InputField(() => LocalDateScalar, 'Since when.', { kind: 'date' })
  since?: string | null;
}

export const ProjectPayload = PayloadOf(Project, 'Project');
export const ProjectRolePayload = PayloadOf(ProjectRole, 'ProjectRole');
export const ProjectPartnerPayload = PayloadOf(ProjectPartner, 'ProjectPartner');
