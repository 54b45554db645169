import { defineGroups } from '../../graphql/groups.js';
import { organizationTable } from './organization.service.js';
import { OrganizationWhere } from './organization.types.js';

/** organizationGroups: organisations by kind and region. */
export const OrganizationGroupsResolver = defineGroups(
  organizationTable,
  OrganizationWhere,
  'organisations',
  {
    dimensions: ['kind', 'region'],
  },
);
