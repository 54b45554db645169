import { crudWrites } from '../../graphql/write/crud.js';
import { Region } from '../region/region.entity.js';
import { Organization } from './organization.entity.js';
import { organizationTable } from './organization.service.js';

/** Writes of organisations; those without a region (nationwide, e.g. universities) are for admins. */
export const organizationWrites = crudWrites({
  entity: Organization,
  type: 'Organization',
  table: organizationTable,
  regionOf: 'select region_id as r from organization where id = ?',
  regionOfNew: (refs) => (refs.region as Region | undefined | null)?.id ?? null,
  refs: { regionId: { prop: 'region', type: 'Region', entity: Region } },
  fields: {
    kind: { kind: 'value', required: true },
    nameZh: { kind: 'text', required: true },
    nameEn: { kind: 'text', required: true },
    descriptionZh: { kind: 'text', max: 4000 },
    descriptionEn: { kind: 'text', max: 4000 },
    website: { kind: 'url' },
  },
});
