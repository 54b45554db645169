import { defineModule } from '../module.js';
import { NetworkResolver } from './network.resolver.js';

/** The network view. */
export const networkModule = defineModule({
  name: 'network',
  resolvers: [NetworkResolver],
});
