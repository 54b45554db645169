import { defineModule } from '../module.js';
import { SearchResolver } from './search.resolver.js';

/** Search across the graph. */
export const searchModule = defineModule({
  name: 'search',
  resolvers: [SearchResolver],
});
