import { NAME_ORDER } from '../../data/table.js';
import { BooleanFilter } from '../../graphql/filters.js';
import {
  BY_DISTANCE,
  filter,
  idFilter,
  listTypes,
  NAME_WHERE,
  NEAR_WHERE,
} from '../../graphql/list-types.js';
import { RegionWhere } from '../region/region.types.js';
import { SLUG_WHERE } from '../slug/slug.js';
import { ThemeRelationFilter } from '../theme/theme.types.js';
import { Village } from './village.entity.js';

export { Village };

/** What lists of villages filter and sort by (village.service.ts's table spec reads it too). */
export const VillageList = listTypes(Village, {
  one: 'village',
  many: 'villages',
  where: {
    id: idFilter('The village itself.'),
    name: NAME_WHERE,
    slug: SLUG_WHERE,
    isSpecialty: filter(() => BooleanFilter, 'Specialty village or not.'),
    town: filter(() => RegionWhere, 'The town matches.'),
    themes: filter(() => ThemeRelationFilter, 'Conditions on the village’s themes.'),
    near: NEAR_WHERE,
  },
  orderBy: { NAME: NAME_ORDER, DISTANCE: BY_DISTANCE },
  sortNote: 'NAME sorts by the name in the request language (Accept-Language).',
});
export const { Where: VillageWhere, ListArgs: VillageListArgs, Connection: VillageConnection } = VillageList;
/** A `VillageWhere` input's value (also taken by `villagesGeoJson`). */
export type VillageWhere = InstanceType<typeof VillageWhere>;
