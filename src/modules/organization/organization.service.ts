import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { readAlongBy } from '../../graphql/read/registry.js';
import { defineTable, NAME_FILTER, NAME_ORDER, type Row } from '../../graphql/read/table.js';
import { Organization } from './organization.entity.js';

export const organizationTable = defineTable({
  entity: Organization,
  filters: { id: 'id', kind: true, name: NAME_FILTER, isDemo: true, region: true },
  orders: { NAME: NAME_ORDER },
  fieldColumns: { leases: [] },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in organization.module.ts). */
export const BY_REGION = readAlongBy('Region.organizations', organizationTable, 'region');

/** Reads of organisations. */
export const organizationService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, organizationTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, organizationTable, pk as string, relation, info),

  byRegion: (ctx: Context, region: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, organizationTable, BY_REGION.link, region.pk, args, info),
};
