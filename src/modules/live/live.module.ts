import { defineModule } from '../module.js';
import { LiveResolver } from './live.resolver.js';

/** Subscriptions: live values of a region (its dashboard figures) and of a village; run by src/live. */
export const liveModule = defineModule({
  name: 'live',
  resolvers: [LiveResolver],
});
