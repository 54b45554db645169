import { readAlongBy } from '../../data/registry.js';
import { defineTable } from '../../data/table.js';
import { childReads, tableReads } from '../../graphql/connection.js';
import { committedSum } from '../investment/investment.figures.js';
import { slugsOf } from '../slug/slugs.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import { ProjectList, ProjectPartnerList, ProjectRoleList } from './project.types.js';

export const projectTable = defineTable({
  entity: Project,
  filters: ProjectList.filters,
  orders: ProjectList.orders,
  computed: { totalInvestment: (alias) => committedSum('project_id', alias) },
  fieldColumns: { leases: [] },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in project.module.ts). */
export const BY_TOWN = readAlongBy('Region.projects', projectTable, 'town');

/** Read along with the parents that select it (listed in project.module.ts). */
export const BY_VILLAGE = readAlongBy('Village.projects', projectTable, 'village');

export const projectRoleTable = defineTable({
  entity: ProjectParticipant,
  type: 'ProjectRole',
  filters: ProjectRoleList.filters,
  orders: ProjectRoleList.orders,
  defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in project.module.ts). */
export const ROLES_BY_PROJECT = readAlongBy('Project.participants', projectRoleTable, 'project');

/** Read along with the parents that select it (listed in project.module.ts). */
export const ROLES_BY_TALENT = readAlongBy('Talent.projectRoles', projectRoleTable, 'talent');

export const projectPartnerTable = defineTable({
  entity: ProjectPartner,
  filters: ProjectPartnerList.filters,
  orders: ProjectPartnerList.orders,
  defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in project.module.ts). */
export const PARTNERS_BY_ORGANIZATION = readAlongBy(
  'Organization.projectPartnerships',
  projectPartnerTable,
  'organization',
);

/** Read along with the parents that select it (listed in project.module.ts). */
export const PARTNERS_BY_PROJECT = readAlongBy('Project.partners', projectPartnerTable, 'project');

/** The slugs of projects: kept by the writes, looked up by `bySlug`. */
export const projectSlugs = slugsOf(projectTable, 'project');

/** Reads of projects. */
export const projectService = {
  ...tableReads(projectTable),

  bySlug: projectSlugs.find,

  byTown: childReads(projectTable, BY_TOWN),

  byVillage: childReads(projectTable, BY_VILLAGE),
};

/** Reads of talents' roles in projects; anonymous callers see roles of public profiles only. */
export const projectRoleService = {
  list: tableReads(projectRoleTable).list,

  byProject: childReads(projectRoleTable, ROLES_BY_PROJECT),

  byTalent: childReads(projectRoleTable, ROLES_BY_TALENT),
};

/** Reads of organisations' roles in projects. */
export const projectPartnerService = {
  byProject: childReads(projectPartnerTable, PARTNERS_BY_PROJECT),

  byOrganization: childReads(projectPartnerTable, PARTNERS_BY_ORGANIZATION),
};
