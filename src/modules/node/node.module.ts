import { defineModule } from '../module.js';
import { NodeResolver } from './node.resolver.js';

/** Relay's `node(id:)` and `nodes(ids:)` over every module's tables. */
export const nodeModule = defineModule({
  name: 'node',
  resolvers: [NodeResolver],
});
