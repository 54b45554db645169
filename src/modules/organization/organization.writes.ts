import { NAME_FIELDS } from '../../graphql/write/inputs.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Organization } from './organization.entity.js';
import { organizationTable } from './organization.service.js';

/** Writes of organisations; those without a region (nationwide, e.g. universities) are for admins. */
export const organizationWrites = defineWrites({
  entity: Organization,
  type: 'Organization',
  table: organizationTable,
  owner: ['region'],
  refs: { region: true },
  fields: {
    kind: { kind: 'value', required: true },
    ...NAME_FIELDS,
    website: { kind: 'url' },
  },
});
