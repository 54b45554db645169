import { UserErrorCode } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Region } from './region.entity.js';
import { CreateRegionInput } from './region.inputs.js';
import { regionTable } from './region.service.js';

/** Writes of regions (admins only: a region belongs to no official's region). */
export const regionWrites = defineWrites({
  entity: Region,
  table: regionTable,
  owner: null,
  input: CreateRegionInput,
  unique: [{ props: ['code'], field: 'code', message: (r) => `a region with code ${r.code} exists already` }],
  validate(w, region, _input, { creating }) {
    if (creating && region.code && !/^[a-z][a-z0-9-]*$/.test(region.code)) {
      w.fail(
        ['input', 'code'],
        UserErrorCode.INVALID,
        'code takes lower-case letters, digits and dashes, starting with a letter',
      );
    }
  },
});
