import { UserErrorCode } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { Talent } from './talent.entity.js';
import { CreateTalentInput } from './talent.inputs.js';
import { talentTable } from './talent.service.js';

/** Writes of talents; private fields are written by officials of the town and admins only. */
export const talentWrites = defineWrites({
  entity: Talent,
  table: talentTable,
  owner: ['town'],
  input: CreateTalentInput,
  validate(w, talent) {
    if (talent.town && (talent.town as Region).kind && (talent.town as Region).kind !== RegionKind.TOWN) {
      w.fail(['input', 'townId'], UserErrorCode.INVALID, 'townId must name a town');
    }
  },
});
