import { readAlongBy } from '../../data/registry.js';
import { defineTable, NAME_FILTER, NAME_ORDER } from '../../data/table.js';
import { childReads, tableReads } from '../../graphql/connection.js';
import { Organization } from './organization.entity.js';

export const organizationTable = defineTable({
  entity: Organization,
  filters: { id: 'id', kind: true, name: NAME_FILTER, isDemo: true, region: true },
  orders: { NAME: NAME_ORDER },
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
