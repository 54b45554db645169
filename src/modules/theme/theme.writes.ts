import { ADMINS_ONLY, crudWrites } from '../../graphql/write/crud.js';
import { NAME_FIELDS } from '../../graphql/write/inputs.js';
import { Theme } from './theme.entity.js';
import { themeTable } from './theme.service.js';

/** Writes of themes: the twelve are fixed; admins may change their names and descriptions. */
export const themeWrites = crudWrites({
  entity: Theme,
  type: 'Theme',
  table: themeTable,
  regionOf: ADMINS_ONLY,
  regionOfNew: () => null,
  fields: NAME_FIELDS,
});
