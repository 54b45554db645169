import { Field, Int, ObjectType } from 'type-graphql';
import { NAME_ORDER } from '../../data/table.js';
import { StringFilter } from '../../graphql/filters.js';
import { filter, idFilter, listTypes, NAME_WHERE, RelationFilterOf } from '../../graphql/list-types.js';
import { Node, VersionedNode } from '../../graphql/types.js';

/** One of the twelve village themes. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A village theme: one of 琴 棋 书 画 诗 酒 花 茶 歌 舞 影 媒.',
})
export class Theme extends VersionedNode {
  @Field(() => String, { description: 'Stable code, e.g. "tea" for 茶.' })
  code: string;

  @Field(() => Int, { description: 'Position in the traditional order 琴棋书画 诗酒花茶 歌舞影媒 (1–12).' })
  position: number;
}

/** What lists of themes filter and sort by (theme.service.ts's table spec reads it too). */
export const ThemeList = listTypes(Theme, {
  one: 'theme',
  many: 'themes',
  where: {
    id: idFilter('The theme itself.'),
    code: filter(() => StringFilter, 'Code, e.g. "tea".'),
    name: NAME_WHERE,
  },
  orderBy: { POSITION: 'position', CODE: 'code', NAME: NAME_ORDER },
});
export const {
  Where: ThemeWhere,
  OrderField: ThemeOrderField,
  Order: ThemeOrder,
  ListArgs: ThemeListArgs,
  Connection: ThemeConnection,
} = ThemeList;
export type ThemeWhere = InstanceType<typeof ThemeWhere>;

export const ThemeRelationFilter = RelationFilterOf(ThemeWhere, 'Theme', 'theme', 'themes');
