import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { Region } from '../region/region.types.js';
import { Talent } from '../talent/talent.types.js';
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
    KIND: { key: 'kind', type: () => ProjectKind, description: 'Kind.' },
    STATUS: { key: 'status', type: () => ProjectStatus, description: 'Status.' },
    TOWN: {
      key: 'town',
      type: () => Region,
      description: 'Town.',
    },
    VILLAGE: {
      key: 'village',
      type: () => Village,
      description: 'Village.',
    },
    ...dateDimensions('STARTED', 'started', 'startedOn', 'Start'),
    ...dateDimensions('OPENED', 'opened', 'openedOn', 'Opening'),
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
    ROLE: { key: 'role', type: () => ParticipantRole, description: 'Role.' },
    PROJECT: {
      key: 'project',
      type: () => Project,
      description: 'Project.',
    },
    TALENT: {
      key: 'talent',
      type: () => Talent,
      description: 'Talent.',
    },
    ...dateDimensions('SINCE', 'since', 'since', 'Start of the role'),
  },
});
