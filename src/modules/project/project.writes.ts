import { UserErrorCode } from '../../graphql/payload.js';
import { fieldRulesOf } from '../../graphql/write/inputs.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Region } from '../region/region.entity.js';
import { Village } from '../village/village.entity.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import { AddProjectParticipantInput, AddProjectPartnerInput, CreateProjectInput } from './project.inputs.js';
import { projectPartnerTable, projectRoleTable, projectTable } from './project.service.js';

/** Writes of projects. */
export const projectWrites = defineWrites({
  entity: Project,
  type: 'Project',
  table: projectTable,
  owner: ['town'],
  refs: { town: true, village: true },
  fields: fieldRulesOf(CreateProjectInput),
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
const roles = defineWrites({
  entity: ProjectParticipant,
  type: 'ProjectRole',
  table: projectRoleTable,
  owner: ['project', 'town'],
  refs: { project: true, talent: true },
  fields: fieldRulesOf(AddProjectParticipantInput),
  unique: [
    {
      props: ['project', 'talent', 'role'],
      field: 'talentId',
      message: 'The talent has this role in the project already',
    },
  ],
  operations: { create: 'addProjectParticipant', remove: 'removeProjectParticipant' },
  removed: ['project', 'talent', 'role'],
});
export const projectRoleWrites = { add: roles.create, remove: roles.remove };

/** Organisations' roles in projects. */
const partners = defineWrites({
  entity: ProjectPartner,
  type: 'ProjectPartner',
  table: projectPartnerTable,
  owner: ['project', 'town'],
  refs: { project: true, organization: true },
  fields: fieldRulesOf(AddProjectPartnerInput),
  unique: [
    {
      props: ['project', 'organization', 'role'],
      field: 'organizationId',
      message: 'The organisation has this role in the project already',
    },
  ],
  operations: { create: 'addProjectPartner', remove: 'removeProjectPartner' },
  removed: ['project', 'organization', 'role'],
});
export const projectPartnerWrites = { add: partners.create, remove: partners.remove };
