import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import type { ListArgs } from '../../graphql/read/query.js';
import { findById, findByUnique } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { regionStatsSql } from './region.stats.js';

export const regionTable = registerNode(
  defineTable({
    table: 'region',
    type: 'Region',
    columns: ['code', 'kind', 'parentId', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'version'],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Region' },
      code: { kind: 'value', columns: ['code'] },
      kind: { kind: 'value', columns: ['kind'] },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
      parent: { kind: 'one', column: 'parent_id', target: () => regionTable },
    },
    orders: { NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh'), CODE: 'code' },
    // The headline figures, read with the region when the query selects them.
    computed: { stats: (alias) => regionStatsSql(alias) },
    defaultOrder: [{ field: 'CODE', direction: 'ASC' }],
  }),
);

/** Reads of regions. */
export const regionService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, regionTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, regionTable, pk as string, relation, info),

  byCode: (ctx: Context, code: string, info?: GraphQLResolveInfo) =>
    findByUnique(ctx, regionTable, 'code', code, info),

  children: (ctx: Context, region: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, regionTable, { expr: 't.parent_id' }, region.pk, args, info),
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
