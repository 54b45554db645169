import { defineGroups } from '../../graphql/groups.js';
import { Region } from '../region/region.types.js';
import { OrganizationKind } from './organization.entity.js';
import { organizationTable } from './organization.service.js';
import { OrganizationWhere } from './organization.types.js';

/** organizationGroups: organisations by kind and region. */
export const OrganizationGroupsResolver = defineGroups({
  name: 'Organization',
  query: 'organizationGroups',
  what: 'organisations',
  table: () => organizationTable,
  where: OrganizationWhere,
  dimensions: {
    KIND: { key: 'kind', type: () => OrganizationKind, description: 'Kind.' },
    REGION: {
      key: 'region',
      type: () => Region,
      description: 'Region.',
    },
  },
});
