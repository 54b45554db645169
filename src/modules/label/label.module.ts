import { defineModule } from '../module.js';
import { LabelResolver } from './label.resolver.js';

/** The labels of enum values in one language (`enumLabels`), from where each enum is declared. */
export const labelModule = defineModule({
  name: 'label',
  resolvers: [LabelResolver],
});
