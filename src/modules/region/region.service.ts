import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { ListArgs } from '../../data/query.js';
import { findByUnique } from '../../data/query.js';
import { defineTable, listedBy, type Row } from '../../data/table.js';
import { childConnection, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Region } from './region.entity.js';
import { regionStatsSql } from './region.stats.js';
import { RegionList } from './region.types.js';

export const regionTable = defineTable({
  entity: Region,
  filters: RegionList.filters,
  orders: RegionList.orders,
  fieldColumns: { children: [] },
  // The headline figures, read with the region when the query selects them.
  computed: { stats: (alias) => regionStatsSql(alias) },
  defaultOrder: [{ field: 'CODE', direction: 'ASC' }],
});

const BY_PARENT = listedBy(regionTable, 'parent');

/** Reads of regions. */
export const regionService = {
  ...tableReads(regionTable),

  byCode: (ctx: Context, code: string, info?: GraphQLResolveInfo) =>
    findByUnique(ctx, regionTable, 'code', code, info),

  children: (ctx: Context, region: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, regionTable, BY_PARENT, region.pk, args, info),
};

/** A region and every region below it (a district's towns, a city's districts and towns). */
export async function regionSubtree(em: EntityManager, regionId: string): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(
      'with recursive scope as (select id from region where id = ? union all select c.id from region c join scope s on c.parent_id = s.id) select id from scope',
      [regionId],
    );
  return rows.map((r) => r.id);
}
