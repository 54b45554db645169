import { defineModule } from '../module.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import { ProjectGroupsResolver, ProjectRoleGroupsResolver } from './project.groups.js';
import { ProjectPartnerResolver, ProjectResolver, ProjectRoleResolver } from './project.resolver.js';
import {
  BY_TOWN,
  BY_VILLAGE,
  PARTNERS_BY_ORGANIZATION,
  PARTNERS_BY_PROJECT,
  projectPartnerTable,
  projectRoleTable,
  projectTable,
  ROLES_BY_PROJECT,
  ROLES_BY_TALENT,
} from './project.service.js';

/** Projects, their participants (project roles) and partners. */
export const projectModule = defineModule({
  name: 'project',
  entities: [Project, ProjectParticipant, ProjectPartner],
  resolvers: [
    ProjectResolver,
    ProjectRoleResolver,
    ProjectPartnerResolver,
    ProjectGroupsResolver,
    ProjectRoleGroupsResolver,
  ],
  tables: [projectTable, projectRoleTable, projectPartnerTable],
  lists: [
    BY_TOWN,
    BY_VILLAGE,
    ROLES_BY_PROJECT,
    ROLES_BY_TALENT,
    PARTNERS_BY_ORGANIZATION,
    PARTNERS_BY_PROJECT,
  ],
});
