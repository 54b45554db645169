import { NewNames } from '../../graphql/write/inputs.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Theme } from './theme.entity.js';
import { themeTable } from './theme.service.js';

/** Writes of themes: the twelve are fixed; admins may change their names and descriptions. */
export const themeWrites = defineWrites({
  entity: Theme,
  table: themeTable,
  owner: null,
  input: NewNames,
});
