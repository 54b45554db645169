import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { committedSum } from '../investment/investment.figures.js';
import { organizationTable } from '../organization/organization.service.js';
import { regionTable } from '../region/region.service.js';
import { talentTable } from '../talent/talent.service.js';
import { villageTable } from '../village/village.service.js';

export const projectTable = registerNode(
  defineTable({
    table: 'project',
    type: 'Project',
    columns: [
      'townId',
      'villageId',
      'kind',
      'status',
      'nameZh',
      'nameEn',
      'descriptionZh',
      'descriptionEn',
      'startedOn',
      'openedOn',
      'version',
    ],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Project' },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
      kind: { kind: 'value', columns: ['kind'] },
      status: { kind: 'value', columns: ['status'] },
      startedOn: { kind: 'value', columns: ['started_on'] },
      town: { kind: 'one', column: 'town_id', target: () => regionTable },
      village: { kind: 'one', column: 'village_id', target: () => villageTable },
    },
    orders: { NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh'), STARTED_ON: 'started_on' },
    computed: { totalInvestment: (alias) => committedSum('project_id', alias) },
    fieldColumns: { investments: [], participants: [], partners: [], leases: [] },
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const BY_TOWN = registerList('Region.projects', projectTable, { expr: 't.town_id' });

/** Read along with the parents that select it (see `registerList`). */
const BY_VILLAGE = registerList('Village.projects', projectTable, { expr: 't.village_id' });

export const projectRoleTable = registerNode(
  defineTable({
    table: 'project_participant',
    type: 'ProjectRole',
    columns: ['projectId', 'talentId', 'role', 'since', 'version'],
    filters: {
      role: { kind: 'value', columns: ['role'] },
      project: { kind: 'one', column: 'project_id', target: () => projectTable },
      talent: { kind: 'one', column: 'talent_id', target: () => talentTable },
    },
    orders: {
      ROLE: "(array_position(array['FOUNDER','LEAD','MEMBER','ADVISOR'], t.role))",
      SINCE: 'since',
    },
    defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const ROLES_BY_PROJECT = registerList('Project.participants', projectRoleTable, { expr: 't.project_id' });

/** Read along with the parents that select it (see `registerList`). */
const ROLES_BY_TALENT = registerList('Talent.projectRoles', projectRoleTable, { expr: 't.talent_id' });

export const projectPartnerTable = registerNode(
  defineTable({
    table: 'project_partner',
    type: 'ProjectPartner',
    columns: ['projectId', 'organizationId', 'role', 'since', 'version'],
    filters: {
      role: { kind: 'value', columns: ['role'] },
      project: { kind: 'one', column: 'project_id', target: () => projectTable },
      organization: { kind: 'one', column: 'organization_id', target: () => organizationTable },
    },
    orders: {
      ROLE: "(array_position(array['INVESTOR','ACADEMIC','OPERATOR','GOVERNMENT','SUPPLIER'], t.role))",
      SINCE: 'since',
    },
    defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const PARTNERS_BY_ORGANIZATION = registerList('Organization.projectPartnerships', projectPartnerTable, {
  expr: 't.organization_id',
});

/** Read along with the parents that select it (see `registerList`). */
const PARTNERS_BY_PROJECT = registerList('Project.partners', projectPartnerTable, { expr: 't.project_id' });

/** Reads of projects. */
export const projectService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, projectTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, projectTable, pk as string, relation, info),

  byTown: (ctx: Context, town: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectTable, BY_TOWN, town.pk, args, info),

  byVillage: (ctx: Context, village: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectTable, BY_VILLAGE, village.pk, args, info),
};

/** Reads of talents' roles in projects; anonymous callers see roles of public profiles only. */
export const projectRoleService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, projectRoleTable, args, info),

  byProject: (ctx: Context, project: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectRoleTable, ROLES_BY_PROJECT, project.pk, args, info),

  byTalent: (ctx: Context, talent: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectRoleTable, ROLES_BY_TALENT, talent.pk, args, info),
};

/** Reads of organisations' roles in projects. */
export const projectPartnerService = {
  byProject: (ctx: Context, project: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectPartnerTable, PARTNERS_BY_PROJECT, project.pk, args, info),

  byOrganization: (ctx: Context, org: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, projectPartnerTable, PARTNERS_BY_ORGANIZATION, org.pk, args, info),
};
