import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { addLink, crudWrites, removeLink } from '../../graphql/write/crud.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import type {
  AddProjectParticipantInput,
  AddProjectPartnerInput,
  RemoveLinkInput,
} from './project.inputs.js';
import { projectPartnerTable, projectRoleTable, projectTable } from './project.service.js';

const REGION_OF_PROJECT = 'select town_id as r from project where id = ?';
const REGION_OF_LINK = (table: string) =>
  `select p.town_id as r from ${table} l join project p on p.id = l.project_id where l.id = ?`;

/** Writes of projects. */
export const projectWrites = crudWrites({
  entity: Project,
  type: 'Project',
  table: projectTable,
  regionOf: REGION_OF_PROJECT,
  regionOfNew: (refs) => (refs.town as Region | undefined)?.id ?? null,
  refs: {
    townId: { prop: 'town', type: 'Region', entity: Region, required: true },
    villageId: { prop: 'village', type: 'Village', entity: Village },
  },
  fields: {
    kind: { kind: 'value', required: true },
    status: { kind: 'value', required: true },
    nameZh: { kind: 'text', required: true },
    nameEn: { kind: 'text', required: true },
    descriptionZh: { kind: 'text', max: 4000 },
    descriptionEn: { kind: 'text', max: 4000 },
    startedOn: { kind: 'date' },
    openedOn: { kind: 'date' },
  },
  async validate(w, project) {
    const village = project.village as Village | undefined;
    if (village) {
      await w.tx.populate(project, ['village']);
      if ((project.village as Village).town.id !== (project.town as Region).id) {
        w.fail(
          ['input', 'villageId'],
          UserErrorCode.RULE_BROKEN,
          'The village must be in the project’s town',
        );
      }
    }
    if (project.openedOn && project.startedOn && project.openedOn < project.startedOn) {
      w.fail(['input', 'openedOn'], UserErrorCode.INVALID, 'openedOn cannot be before startedOn');
    }
  },
});

/** Talents' roles in projects: added and removed (a removal deletes the link, the audit keeps it). */
export const projectRoleWrites = {
  add: (ctx: Context, input: AddProjectParticipantInput) =>
    addLink(
      ctx,
      {
        entity: ProjectParticipant,
        type: 'ProjectRole',
        table: projectRoleTable,
        operation: 'addProjectParticipant',
        parent: {
          field: 'projectId',
          prop: 'project',
          type: 'Project',
          entity: Project,
          regionOf: REGION_OF_PROJECT,
        },
        child: { field: 'talentId', prop: 'talent', type: 'Talent', entity: Talent },
        unique: ['role'],
        taken: 'The talent has this role in the project already',
        fields: { role: { kind: 'value', required: true }, since: { kind: 'date', notFuture: true } },
      },
      input as never,
    ),

  remove: (ctx: Context, input: RemoveLinkInput) =>
    removeLink(
      ctx,
      {
        entity: ProjectParticipant,
        type: 'ProjectRole',
        table: projectRoleTable,
        regionOf: REGION_OF_LINK('project_participant'),
        operation: 'removeProjectParticipant',
        fields: ['project', 'talent', 'role'],
      },
      input,
    ),
};

/** Organisations' roles in projects. */
export const projectPartnerWrites = {
  add: (ctx: Context, input: AddProjectPartnerInput) =>
    addLink(
      ctx,
      {
        entity: ProjectPartner,
        type: 'ProjectPartner',
        table: projectPartnerTable,
        operation: 'addProjectPartner',
        parent: {
          field: 'projectId',
          prop: 'project',
          type: 'Project',
          entity: Project,
          regionOf: REGION_OF_PROJECT,
        },
        child: { field: 'organizationId', prop: 'organization', type: 'Organization', entity: Organization },
        unique: ['role'],
        taken: 'The organisation has this role in the project already',
        fields: { role: { kind: 'value', required: true }, since: { kind: 'date' } },
      },
      input as never,
    ),

  remove: (ctx: Context, input: RemoveLinkInput) =>
    removeLink(
      ctx,
      {
        entity: ProjectPartner,
        type: 'ProjectPartner',
        table: projectPartnerTable,
        regionOf: REGION_OF_LINK('project_partner'),
        operation: 'removeProjectPartner',
        fields: ['project', 'organization', 'role'],
      },
      input,
    ),
};
