import { findByUnique, MAX_PAGE_SIZE } from '../../data/query.js';
import { readAlong } from '../../data/registry.js';
import { defineTable, type Row, targetsOf } from '../../data/table.js';
import { childConnection, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { andThen } from '../../lib/maybe.js';
import { villageTable } from '../village/village.service.js';
import { Theme } from './theme.entity.js';
import { ThemeList } from './theme.types.js';

export const themeTable = defineTable({
  entity: Theme,
  filters: ThemeList.filters,
  orders: ThemeList.orders,
  fieldColumns: { villages: [] },
  defaultOrder: [{ field: 'POSITION', direction: 'ASC' }],
});

const ALL = { first: MAX_PAGE_SIZE };
/** A village's themes, read along with the villages that select them (listed in theme.module.ts). */
export const BY_VILLAGE = readAlong('Village.themes', themeTable, targetsOf(villageTable, 'themes'), {
  args: ALL,
});

/** Reads of themes. */
export const themeService = {
  list: tableReads(themeTable).list,

  byCode: (ctx: Context, code: string) => findByUnique(ctx, themeTable, 'code', code),

  /** A village's themes (at most twelve), in their traditional order. */
  ofVillage(ctx: Context, village: Row): Row[] | Promise<Row[]> {
    return andThen(childConnection(ctx, themeTable, BY_VILLAGE.link, village.pk, ALL, false), (p) => p.nodes);
  },
};
