import { NAME_ORDER } from '../../data/table.js';
import { StringFilter } from '../../graphql/filters.js';
import { filter, idFilter, listTypes, NAME_WHERE, RelationFilterOf } from '../../graphql/list-types.js';
import { SLUG_WHERE } from '../slug/slug.js';
import { Theme } from './theme.entity.js';

export { Theme };

/** What lists of themes filter and sort by (theme.service.ts's table spec reads it too). */
export const ThemeList = listTypes(Theme, {
  one: 'theme',
  many: 'themes',
  where: {
    id: idFilter('The theme itself.'),
    code: filter(() => StringFilter, 'Code, e.g. "tea".'),
    name: NAME_WHERE,
    slug: SLUG_WHERE,
  },
  orderBy: { POSITION: 'position', CODE: 'code', NAME: NAME_ORDER },
});
export const { Where: ThemeWhere, ListArgs: ThemeListArgs, Connection: ThemeConnection } = ThemeList;

export const ThemeRelationFilter = RelationFilterOf(ThemeWhere, 'Theme', 'theme', 'themes');
