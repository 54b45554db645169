import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { findByUnique, type ListArgs, MAX_PAGE_SIZE } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';

export const themeTable = registerNode(
  defineTable({
    table: 'theme',
    type: 'Theme',
    columns: ['code', 'position', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'version'],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Theme' },
      code: { kind: 'value', columns: ['code'] },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
    },
    orders: { POSITION: 'position', CODE: 'code', NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh') },
    defaultOrder: [{ field: 'POSITION', direction: 'ASC' }],
  }),
);

/** Reads of themes. */
const BY_VILLAGE = { expr: 'l.village_id', join: 'join village_theme l on l.theme_id = t.id' };
const ALL = { first: MAX_PAGE_SIZE };

export const themeService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, themeTable, args, info),

  byCode: (ctx: Context, code: string) => findByUnique(ctx, themeTable, 'code', code),

  /** A village's themes (at most twelve), in their traditional order. */
  async ofVillage(ctx: Context, village: Row): Promise<Row[]> {
    const page = await childConnection(ctx, themeTable, BY_VILLAGE, village.pk, ALL, false);
    return page.nodes;
  },
};
