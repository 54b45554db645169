import { defineModule } from '../module.js';
import { Theme } from './theme.entity.js';
import { ThemeResolver } from './theme.resolver.js';
import { BY_VILLAGE, themeTable } from './theme.service.js';

/** The twelve village themes; a village's themes are read along with it. */
export const themeModule = defineModule({
  name: 'theme',
  entities: [Theme],
  resolvers: [ThemeResolver],
  tables: [themeTable],
  lists: [BY_VILLAGE],
});
