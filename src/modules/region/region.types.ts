import { NAME_ORDER } from '../../data/table.js';
import { registerEnum, StringFilter } from '../../graphql/filters.js';
import { enumField, filter, idFilter, itself, listTypes, NAME_WHERE } from '../../graphql/list-types.js';
import { Region, RegionKind } from './region.entity.js';

export { Region };

registerEnum(RegionKind, { name: 'RegionKind', description: 'Administrative level of a region.' });

/** What lists of regions filter and sort by (region.service.ts's table spec reads it too). */
export const RegionList = listTypes(Region, {
  one: 'region',
  many: 'regions',
  where: {
    id: idFilter('The region itself.'),
    code: filter(() => StringFilter, 'Slug.'),
    kind: enumField(RegionKind, 'Administrative level.'),
    name: NAME_WHERE,
    parent: filter(itself, 'The parent region matches.'),
  },
  orderBy: { NAME: NAME_ORDER, CODE: 'code' },
});
export const { Where: RegionWhere, ListArgs: RegionListArgs, Connection: RegionConnection } = RegionList;
