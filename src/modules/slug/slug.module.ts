import { defineModule } from '../module.js';
import { FormerSlug } from './slug.entity.js';

/**
 * URL slugs of villages, projects, union organisations and themes: the slugs objects had before
 * (`former_slug`) and the migration that gave every object one. Each of those modules keeps its own
 * objects' slugs through `slugsOf` (slugs.ts).
 */
export const slugModule = defineModule({
  name: 'slug',
  entities: [FormerSlug],
  migrations: {
    Migration20261205000000_slugs: () => import('./Migration20261205000000_slugs.js'),
  },
});
