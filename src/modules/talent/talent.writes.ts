import { toGlobalId } from '../../graphql/ids.js';
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
  async validate(w, talent, input, step) {
    if (talent.town && (talent.town as Region).kind && (talent.town as Region).kind !== RegionKind.TOWN) {
      w.fail(['input', 'townId'], UserErrorCode.INVALID, 'townId must name a town');
    }
    if (step.creating && talent.town && !(input as { confirmDuplicate?: boolean | null }).confirmDuplicate) {
      // A possible duplicate (same town, same display or full name): warned, written only when confirmed.
      const same = await w.tx.findOne(
        Talent,
        {
          town: talent.town,
          archivedAt: null,
          $or: [{ displayName: talent.displayName }, { fullName: talent.fullName }],
          ...(talent.id ? { id: { $ne: talent.id } } : {}),
        },
        { orderBy: { createdAt: 'asc' } },
      );
      if (same)
        w.fail(
          ['input', 'displayName'],
          UserErrorCode.DUPLICATE,
          `A talent of this town has the same name (${toGlobalId('Talent', same.id)}); give confirmDuplicate: true to record another`,
        );
    }
  },
});
