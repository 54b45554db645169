import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { regionTable } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentTable } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import { villageTable } from '../village/village.service.js';
import { Village } from '../village/village.types.js';
import { ParticipantRole, ProjectKind, ProjectStatus } from './project.entity.js';
import { projectRoleTable, projectTable } from './project.service.js';
import { Project, ProjectRoleWhere, ProjectWhere } from './project.types.js';

/** projectGroups: projects by kind, status, town, village, start period. */
export const ProjectGroupsResolver = defineGroups({
  name: 'Project',
  query: 'projectGroups',
  what: 'projects',
  table: () => projectTable,
  where: ProjectWhere,
  dimensions: {
    KIND: { key: 'kind', expr: 't.kind', type: () => ProjectKind, description: 'Kind.' },
    STATUS: { key: 'status', expr: 't.status', type: () => ProjectStatus, description: 'Status.' },
    TOWN: {
      key: 'town',
      expr: 't.town_id',
      type: () => Region,
      ref: () => regionTable,
      description: 'Town.',
    },
    VILLAGE: {
      key: 'village',
      expr: 't.village_id',
      type: () => Village,
      ref: () => villageTable,
      description: 'Village.',
    },
    ...dateDimensions('STARTED', 'started', 'started_on', 'Start'),
    ...dateDimensions('OPENED', 'opened', 'opened_on', 'Opening'),
  },
});

/** projectRoleGroups: talents' roles by role, project or talent (public profiles only for most callers). */
export const ProjectRoleGroupsResolver = defineGroups({
  name: 'ProjectRole',
  query: 'projectRoleGroups',
  what: 'project roles',
  table: () => projectRoleTable,
  where: ProjectRoleWhere,
  dimensions: {
    ROLE: { key: 'role', expr: 't.role', type: () => ParticipantRole, description: 'Role.' },
    PROJECT: {
      key: 'project',
      expr: 't.project_id',
      type: () => Project,
      ref: () => projectTable,
      description: 'Project.',
    },
    TALENT: {
      key: 'talent',
      expr: 't.talent_id',
      type: () => Talent,
      ref: () => talentTable,
      description: 'Talent.',
    },
    ...dateDimensions('SINCE', 'since', 'since', 'Start of the role'),
  },
});
