import { defineModule } from '../module.js';
import { Talent } from './talent.entity.js';
import { TalentGroupsResolver } from './talent.groups.js';
import { TalentResolver } from './talent.resolver.js';
import { BY_AFFILIATION, BY_TOWN, talentTable } from './talent.service.js';

/** Talents and their grouped figures. */
export const talentModule = defineModule({
  name: 'talent',
  entities: [Talent],
  resolvers: [TalentResolver, TalentGroupsResolver],
  tables: [talentTable],
  lists: [BY_AFFILIATION, BY_TOWN],
});
