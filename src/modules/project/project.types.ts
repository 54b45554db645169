import { NAME_ORDER } from '../../data/table.js';
import { DateFilter, registerEnum } from '../../graphql/filters.js';
import { enumField, enumRank, filter, idFilter, listTypes, NAME_WHERE } from '../../graphql/list-types.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { RegionWhere } from '../region/region.types.js';
import { SLUG_WHERE } from '../slug/slug.js';
import { TalentWhere } from '../talent/talent.types.js';
import { VillageWhere } from '../village/village.types.js';
import {
  ParticipantRole,
  PartnerRole,
  Project,
  ProjectKind,
  ProjectPartner,
  ProjectParticipant as ProjectRole,
  ProjectStatus,
} from './project.entity.js';

export { Project, ProjectPartner, ProjectRole };

registerEnum(ProjectKind, { name: 'ProjectKind', description: 'What a project is.' });
registerEnum(ProjectStatus, { name: 'ProjectStatus', description: 'Where a project stands.' });
registerEnum(ParticipantRole, { name: 'ParticipantRole', description: 'A talent’s role in a project.' });
registerEnum(PartnerRole, { name: 'PartnerRole', description: 'An organisation’s role in a project.' });

/** What lists of projects filter and sort by (project.service.ts's table spec reads it too). */
export const ProjectList = listTypes(Project, {
  one: 'project',
  many: 'projects',
  where: {
    id: idFilter('The project itself.'),
    name: NAME_WHERE,
    slug: SLUG_WHERE,
    kind: enumField(ProjectKind, 'Kind.'),
    status: enumField(ProjectStatus, 'Status.'),
    startedOn: filter(() => DateFilter, 'Start date.'),
    town: filter(() => RegionWhere, 'The town matches.'),
    village: filter(() => VillageWhere, 'The village matches.'),
  },
  orderBy: { NAME: NAME_ORDER, STARTED_ON: 'startedOn' },
});
export const { Where: ProjectWhere, ListArgs: ProjectListArgs, Connection: ProjectConnection } = ProjectList;

/** What lists of project roles filter and sort by (project.service.ts's table spec reads it too). */
export const ProjectRoleList = listTypes(ProjectRole, {
  type: 'ProjectRole',
  one: 'project role',
  many: 'project roles',
  where: {
    role: enumField(ParticipantRole, 'Role.'),
    project: filter(() => ProjectWhere, 'The project matches.'),
    talent: filter(() => TalentWhere, 'The talent matches.'),
  },
  orderBy: { ROLE: enumRank(ParticipantRole, 'role'), SINCE: 'since' },
  sortNote: 'Project partners sort by them too. ROLE sorts by the rank of the role.',
});
export const {
  Where: ProjectRoleWhere,
  ListArgs: ProjectRoleListArgs,
  Connection: ProjectRoleConnection,
} = ProjectRoleList;

/** What lists of project partners filter and sort by (project.service.ts's table spec reads it too). */
export const ProjectPartnerList = listTypes(ProjectPartner, {
  one: 'project partner',
  many: 'project partners',
  where: {
    role: enumField(PartnerRole, 'Role.'),
    project: filter(() => ProjectWhere, 'The project matches.'),
    organization: filter(() => OrganizationWhere, 'The organisation matches.'),
  },
  orderBy: { ROLE: enumRank(PartnerRole, 'role'), SINCE: 'since' },
  sortedLike: ProjectRoleList,
});
export const {
  Where: ProjectPartnerWhere,
  ListArgs: ProjectPartnerListArgs,
  Connection: ProjectPartnerConnection,
} = ProjectPartnerList;
