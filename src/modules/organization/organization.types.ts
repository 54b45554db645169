import { NAME_ORDER } from '../../data/table.js';
import { BooleanFilter, registerEnum } from '../../graphql/filters.js';
import { enumField, filter, idFilter, listTypes, NAME_WHERE } from '../../graphql/list-types.js';
import { RegionWhere } from '../region/region.types.js';
import { Organization, OrganizationKind } from './organization.entity.js';

export { Organization };

registerEnum(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organisation is.',
});

/** What lists of organisations filter and sort by (organization.service.ts's table spec reads it too). */
export const OrganizationList = listTypes(Organization, {
  one: 'organisation',
  many: 'organisations',
  where: {
    id: idFilter('The organisation itself.'),
    kind: enumField(OrganizationKind, 'Kind.'),
    name: NAME_WHERE,
    isDemo: filter(() => BooleanFilter, 'Demo data or not.'),
    region: filter(() => RegionWhere, 'The region matches.'),
  },
  orderBy: { NAME: NAME_ORDER },
  sortNote: 'NAME sorts by the name in the request language.',
});
export const {
  Where: OrganizationWhere,
  ListArgs: OrganizationListArgs,
  Connection: OrganizationConnection,
} = OrganizationList;
