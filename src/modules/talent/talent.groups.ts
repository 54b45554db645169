import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { Organization } from '../organization/organization.types.js';
import { Region } from '../region/region.types.js';
import { Degree, Settlement, TalentTier } from './talent.entity.js';
import { talentTable } from './talent.service.js';
import { TalentWhere } from './talent.types.js';

/** talentGroups: talents by settlement and field, arrivals per month … (public profiles only for most callers). */
export const TalentGroupsResolver = defineGroups({
  name: 'Talent',
  query: 'talentGroups',
  what: 'talents',
  table: () => talentTable,
  where: TalentWhere,
  dimensions: {
    SETTLEMENT: {
      key: 'settlement',
      type: () => Settlement,
      description: 'Settlement.',
    },
    FIELD: { key: 'field', type: () => String, description: 'Field of expertise.' },
    DEGREE: { key: 'degree', type: () => Degree, description: 'Degree.' },
    TIER: { key: 'tier', type: () => TalentTier, description: 'Tier.' },
    TOWN: {
      key: 'town',
      type: () => Region,
      description: 'Town.',
    },
    AFFILIATION: {
      key: 'affiliation',
      type: () => Organization,
      description: 'Affiliation.',
    },
    ...dateDimensions('ARRIVED', 'arrived', 'arrivedOn', 'Arrival'),
  },
});
