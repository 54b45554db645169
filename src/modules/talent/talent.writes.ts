import { UserErrorCode } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { Talent } from './talent.entity.js';
import { talentTable } from './talent.service.js';

/** Writes of talents; private fields are written by officials of the town and admins only. */
export const talentWrites = defineWrites({
  entity: Talent,
  type: 'Talent',
  table: talentTable,
  owner: ['town'],
  refs: { town: true, affiliation: true },
  fields: {
    displayName: { kind: 'text', required: true, max: 100 },
    fullName: { kind: 'text', required: true, max: 100 },
    settlement: { kind: 'value', required: true },
    phone: { kind: 'text', max: 40 },
    email: { kind: 'email', max: 200 },
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
  },
});
