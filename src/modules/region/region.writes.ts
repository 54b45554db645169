import { UserErrorCode } from '../../graphql/payload.js';
import { ADMINS_ONLY, crudWrites } from '../../graphql/write/crud.js';
import { NAME_FIELDS } from '../../graphql/write/inputs.js';
import { Region } from './region.entity.js';
import { regionTable } from './region.service.js';

/** Writes of regions (admins only: a region belongs to no official's region). */
export const regionWrites = crudWrites({
  entity: Region,
  type: 'Region',
  table: regionTable,
  regionOf: ADMINS_ONLY,
  regionOfNew: () => null,
  refs: { parentId: { prop: 'parent', type: 'Region', entity: Region } },
  fields: {
    kind: { kind: 'value', required: true },
    code: { kind: 'text', required: true, max: 50 },
    ...NAME_FIELDS,
  },
  async validate(w, region, _input, creating) {
    if (!creating) return;
    if (region.code && !/^[a-z][a-z0-9-]*$/.test(region.code)) {
      w.fail(
        ['input', 'code'],
        UserErrorCode.INVALID,
        'code takes lower-case letters, digits and dashes, starting with a letter',
      );
    } else if (await w.tx.count(Region, { code: region.code })) {
      w.fail(['input', 'code'], UserErrorCode.TAKEN, `a region with code ${region.code} exists already`);
    }
  },
});
