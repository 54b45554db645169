import { defineWrites } from '../../graphql/write/spec.js';
import { Organization } from './organization.entity.js';
import { CreateOrganizationInput } from './organization.inputs.js';
import { organizationTable } from './organization.service.js';

/** Writes of organisations; those without a region (nationwide, e.g. universities) are for admins. */
export const organizationWrites = defineWrites({
  entity: Organization,
  table: organizationTable,
  owner: ['region'],
  input: CreateOrganizationInput,
});
