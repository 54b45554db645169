import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { regionTable } from '../region/region.service.js';
import { themeTable } from '../theme/theme.service.js';

export const villageTable = registerNode(
  defineTable({
    table: 'village',
    type: 'Village',
    columns: [
      'townId',
      'nameZh',
      'nameEn',
      'descriptionZh',
      'descriptionEn',
      'isSpecialty',
      'lat',
      'lng',
      'photos',
      'version',
    ],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Village' },
      name: { kind: 'value', columns: ['name_zh', 'name_en'] },
      isSpecialty: { kind: 'value', columns: ['is_specialty'] },
      town: { kind: 'one', column: 'town_id', target: () => regionTable },
      themes: {
        kind: 'many',
        target: () => themeTable,
        via: { table: 'village_theme', self: 'village_id', other: 'theme_id' },
      },
    },
    orders: { NAME: (l) => (l === Locale.EN ? 'name_en' : 'name_zh') },
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
);

/** Reads of villages. */
export const villageService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, villageTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string) => findById(ctx, villageTable, pk as string, relation),

  byTown: (ctx: Context, town: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, villageTable, { expr: 't.town_id' }, town.pk, args, info),

  byTheme: (ctx: Context, theme: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(
      ctx,
      villageTable,
      { expr: 'l.theme_id', join: 'join village_theme l on l.village_id = t.id' },
      theme.pk,
      args,
      info,
    ),
};
