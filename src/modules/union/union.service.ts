import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { findById, keyCondition, type ListArgs, runSql } from '../../graphql/read/query.js';
import { sql } from '../../graphql/read/sql.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { regionTable } from '../region/region.service.js';
import { talentTable } from '../talent/talent.service.js';

export const unionOrganizationTable = registerNode(
  defineTable({
    table: 'union_organization',
    type: 'UnionOrganization',
    columns: [
      'kind',
      'parentId',
      'regionId',
      'nameZh',
      'nameEn',
      'descriptionZh',
      'descriptionEn',
      'foundedOn',
      'agricultureRelated',
      'reportedMemberCount',
      'reportedEnterpriseCount',
      'facilities',
      'isDemo',
      'version',
    ],
    filters: {
      id: { kind: 'id', column: 'id', type: 'UnionOrganization' },
      kind: { kind: 'value', columns: ['kind'] },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
      agricultureRelated: { kind: 'value', columns: ['agriculture_related'] },
      foundedOn: { kind: 'value', columns: ['founded_on'] },
      region: { kind: 'one', column: 'region_id', target: () => regionTable },
      parent: { kind: 'one', column: 'parent_id', target: () => unionOrganizationTable },
    },
    orders: { NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh'), FOUNDED_ON: 'founded_on' },
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const UNIONS_BY_REGION = registerList('Region.unionOrganizations', unionOrganizationTable, {
  expr: 't.region_id',
});

export const unionMembershipTable = registerNode(
  defineTable({
    table: 'union_membership',
    type: 'UnionMembership',
    columns: ['organizationId', 'talentId', 'role', 'joinedOn', 'electedOn', 'version'],
    filters: {
      id: { kind: 'id', column: 'id', type: 'UnionMembership' },
      role: { kind: 'value', columns: ['role'] },
      electedOn: { kind: 'value', columns: ['elected_on'] },
      organization: { kind: 'one', column: 'organization_id', target: () => unionOrganizationTable },
      talent: { kind: 'one', column: 'talent_id', target: () => talentTable },
    },
    orders: {
      // Offices in rank order: CHAIR, VICE_CHAIR, COMMITTEE_MEMBER, MEMBER.
      ROLE: "(array_position(array['CHAIR','VICE_CHAIR','COMMITTEE_MEMBER','MEMBER'], t.role))",
      JOINED_ON: 'joined_on',
      ELECTED_ON: 'elected_on',
    },
    defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const BY_UNION = registerList('UnionOrganization.memberships', unionMembershipTable, {
  expr: 't.organization_id',
});

/** Read along with the parents that select it (see `registerList`). */
const BY_TALENT = registerList('Talent.unionMemberships', unionMembershipTable, { expr: 't.talent_id' });

/** Reads of union organisations. */
export const unionService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, unionOrganizationTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, unionOrganizationTable, pk as string, relation, info),

  byRegion: (ctx: Context, region: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, unionOrganizationTable, UNIONS_BY_REGION, region.pk, args, info),

  branches: (ctx: Context, union: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, unionOrganizationTable, { expr: 't.parent_id' }, union.pk, args, info),

  /** Members on record (memberships of every talent, public or not: a figure, not a list of names). */
  memberCount: (ctx: Context, union: Row) =>
    ctx.loaders
      .get<number>(
        'unionMemberCount',
        async (ids) => {
          const rows = await runSql<{ k: string; n: number }>(
            ctx,
            sql`select organization_id as k, count(*)::int as n from union_membership where ${keyCondition(ids, 'organization_id')} group by organization_id`,
          );
          return new Map(rows.map((r) => [r.k, r.n]));
        },
        0,
      )
      .load(union.pk),
};

/** Reads of memberships; anonymous callers see memberships of public profiles only. */
export const unionMembershipService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, unionMembershipTable, args, info),

  byOrganization: (ctx: Context, union: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, unionMembershipTable, BY_UNION, union.pk, args, info),

  byTalent: (ctx: Context, talent: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, unionMembershipTable, BY_TALENT, talent.pk, args, info),
};
