import type { GraphQLResolveInfo } from 'graphql';
import { keyCondition, type ListArgs, runSql } from '../../data/query.js';
import { readAlongBy } from '../../data/registry.js';
import { sql } from '../../data/sql.js';
import { defineTable, listedBy, type Row } from '../../data/table.js';
import { childConnection, childReads, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { slugsOf } from '../slug/slugs.js';
import { UnionMembership, UnionOrganization } from './union.entity.js';
import { UnionMembershipList, UnionOrganizationList } from './union.types.js';

export const unionOrganizationTable = defineTable({
  entity: UnionOrganization,
  filters: UnionOrganizationList.filters,
  orders: UnionOrganizationList.orders,
  fieldColumns: { branches: [], memberCount: [] },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in union.module.ts). */
export const UNIONS_BY_REGION = readAlongBy('Region.unionOrganizations', unionOrganizationTable, 'region');

const BRANCHES = listedBy(unionOrganizationTable, 'parent');

export const unionMembershipTable = defineTable({
  entity: UnionMembership,
  filters: UnionMembershipList.filters,
  orders: UnionMembershipList.orders,
  defaultOrder: [{ field: 'ROLE', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in union.module.ts). */
export const BY_UNION = readAlongBy('UnionOrganization.memberships', unionMembershipTable, 'organization');

/** Read along with the parents that select it (listed in union.module.ts). */
export const BY_TALENT = readAlongBy('Talent.unionMemberships', unionMembershipTable, 'talent');

/** The slugs of union organisations: kept by the writes, looked up by `bySlug`. */
export const unionSlugs = slugsOf(unionOrganizationTable, 'union organisation');

/** Reads of union organisations. */
export const unionService = {
  ...tableReads(unionOrganizationTable),

  bySlug: unionSlugs.find,

  byRegion: childReads(unionOrganizationTable, UNIONS_BY_REGION),

  branches: (ctx: Context, union: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, unionOrganizationTable, BRANCHES, union.pk, args, info),

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
  list: tableReads(unionMembershipTable).list,

  byOrganization: childReads(unionMembershipTable, BY_UNION),

  byTalent: childReads(unionMembershipTable, BY_TALENT),
};
