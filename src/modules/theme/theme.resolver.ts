import { field, ResolverOf } from '../../graphql/resolvers.js';
import { PayloadOf, UpdateNamedInput } from '../../graphql/write/inputs.js';
import { villageService } from '../village/village.service.js';
import { VillageConnection, VillageListArgs } from '../village/village.types.js';
import { themeService } from './theme.service.js';
import { Theme, ThemeConnection, ThemeListArgs } from './theme.types.js';
import { themeWrites } from './theme.writes.js';

const ThemePayload = PayloadOf(Theme, 'Theme', 'theme');

// biome-ignore format: a table, one field a line
export const ThemeResolver = ResolverOf(Theme, { what: 'theme', named: true, payload: ThemePayload }, {
  themes: field.listQuery(ThemeConnection, ThemeListArgs, themeService.list, 'The twelve village themes.'),
  theme: field.byCode(Theme, themeService.byCode, 'Theme code.', 'A theme by its code, e.g. "tea"; null when there is none.'),
  villages: field.toMany(VillageConnection, VillageListArgs, villageService.byTheme, 'Villages with this theme.'),
  updateTheme: field.mutation(UpdateNamedInput, themeWrites.update, 'Renames or redescribes one of the twelve themes (admins only; the set itself is fixed).'),
});
