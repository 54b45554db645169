import { readAlongBy } from '../../data/registry.js';
import { defineTable } from '../../data/table.js';
import { childReads, tableReads } from '../../graphql/connection.js';
import { Organization } from './organization.entity.js';
import { OrganizationList } from './organization.types.js';

export const organizationTable = defineTable({
  entity: Organization,
  filters: OrganizationList.filters,
  orders: OrganizationList.orders,
  fieldColumns: { leases: [] },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in organization.module.ts). */
export const BY_REGION = readAlongBy('Region.organizations', organizationTable, 'region');

/** Reads of organisations. */
export const organizationService = {
  ...tableReads(organizationTable),

  byRegion: childReads(organizationTable, BY_REGION),
};
