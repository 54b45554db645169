import { UserErrorCode } from '../../graphql/payload.js';
import { crudWrites } from '../../graphql/write/crud.js';
import { Organization } from '../organization/organization.entity.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { Talent } from './talent.entity.js';
import { talentTable } from './talent.service.js';

/** Writes of talents; private fields are written by officials of the town and admins only. */
export const talentWrites = crudWrites({
  entity: Talent,
  type: 'Talent',
  table: talentTable,
  regionOf: 'select town_id as r from talent where id = ?',
  regionOfNew: (refs) => (refs.town as Region | undefined)?.id ?? null,
  refs: {
    townId: { prop: 'town', type: 'Region', entity: Region, required: true },
    affiliationId: { prop: 'affiliation', type: 'Organization', entity: Organization },
  },
  fields: {
    displayName: { kind: 'text', required: true, max: 100 },
    fullName: { kind: 'text', required: true, max: 100 },
    settlement: { kind: 'value', required: true },
    phone: { kind: 'text', max: 40 },
    email: { kind: 'text', max: 200 },
    bioZh: { kind: 'text', max: 4000 },
    bioEn: { kind: 'text', max: 4000 },
    degree: { kind: 'value' },
    title: { kind: 'text', max: 200 },
    tier: { kind: 'value' },
    field: { kind: 'text', max: 100 },
    originCity: { kind: 'text', max: 100 },
    arrivedOn: { kind: 'date', notFuture: true },
    publicProfile: { kind: 'value' },
    contactConsent: { kind: 'value' },
  },
  validate(w, talent) {
    if (talent.town && (talent.town as Region).kind && (talent.town as Region).kind !== RegionKind.TOWN) {
      w.fail(['input', 'townId'], UserErrorCode.INVALID, 'townId must name a town');
    }
    if (talent.email && !/^[^@\s]+@[^@\s]+$/.test(talent.email)) {
      w.fail(['input', 'email'], UserErrorCode.INVALID, `"${talent.email}" is not an e-mail address`);
    }
  },
});
