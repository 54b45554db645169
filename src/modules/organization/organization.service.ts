import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { regionTable } from '../region/region.service.js';

export const organizationTable = registerNode(
  defineTable({
    table: 'organization',
    type: 'Organization',
    columns: [
      'kind',
      'regionId',
      'nameZh',
      'nameEn',
      'descriptionZh',
      'descriptionEn',
      'website',
      'isDemo',
      'version',
    ],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Organization' },
      kind: { kind: 'value', columns: ['kind'] },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
      isDemo: { kind: 'value', columns: ['is_demo'] },
      region: { kind: 'one', column: 'region_id', target: () => regionTable },
    },
    orders: { NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh') },
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const BY_REGION = registerList('Region.organizations', organizationTable, { expr: 't.region_id' });

/** Reads of organisations. */
export const organizationService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, organizationTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, organizationTable, pk as string, relation, info),

  byRegion: (ctx: Context, region: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, organizationTable, BY_REGION, region.pk, args, info),
};
