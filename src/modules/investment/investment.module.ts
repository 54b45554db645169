import { defineModule } from '../module.js';
import { Investment } from './investment.entity.js';
import { InvestmentGroupsResolver } from './investment.groups.js';
import { InvestmentResolver } from './investment.resolver.js';
import { BY_INVESTOR, BY_PROJECT, BY_TALENT, investmentTable } from './investment.service.js';

/** Investments and their grouped figures. */
export const investmentModule = defineModule({
  name: 'investment',
  entities: [Investment],
  resolvers: [InvestmentResolver, InvestmentGroupsResolver],
  tables: [investmentTable],
  lists: [BY_TALENT, BY_INVESTOR, BY_PROJECT],
});
