import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { findByUnique, type ListArgs, MAX_PAGE_SIZE } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { andThen } from '../../lib/maybe.js';

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

const ALL = { first: MAX_PAGE_SIZE };
/** A village's themes, read along with the villages that select them (see `registerList`). */
const BY_VILLAGE = registerList(
  'Village.themes',
  themeTable,
  { expr: 'l.village_id', join: 'join village_theme l on l.theme_id = t.id' },
  { args: ALL },
);

/** Reads of themes. */
export const themeService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, themeTable, args, info),

  byCode: (ctx: Context, code: string) => findByUnique(ctx, themeTable, 'code', code),

  /** A village's themes (at most twelve), in their traditional order. */
  ofVillage(ctx: Context, village: Row): Row[] | Promise<Row[]> {
    return andThen(childConnection(ctx, themeTable, BY_VILLAGE, village.pk, ALL, false), (p) => p.nodes);
  },
};
