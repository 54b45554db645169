import { defineGroups } from '../../graphql/groups.js';
import { projectRoleTable, projectTable } from './project.service.js';
import { ProjectRoleWhere, ProjectWhere } from './project.types.js';

/** projectGroups: projects by kind, status, town, village, start period. */
export const ProjectGroupsResolver = defineGroups(projectTable, ProjectWhere, 'projects', {
  dimensions: ['kind', 'status', 'town', 'village'],
  dates: { startedOn: 'Start', openedOn: 'Opening' },
});

/** projectRoleGroups: talents' roles by role, project or talent (public profiles only for most callers). */
export const ProjectRoleGroupsResolver = defineGroups(projectRoleTable, ProjectRoleWhere, 'project roles', {
  dimensions: ['role', 'project', 'talent'],
  dates: { since: 'Start of the role' },
});
