import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { organizationTable } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { regionTable } from '../region/region.service.js';
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
      expr: 't.settlement',
      type: () => Settlement,
      description: 'Settlement.',
    },
    FIELD: { key: 'field', expr: 't.field', type: () => String, description: 'Field of expertise.' },
    DEGREE: { key: 'degree', expr: 't.degree', type: () => Degree, description: 'Degree.' },
    TIER: { key: 'tier', expr: 't.tier', type: () => TalentTier, description: 'Tier.' },
    TOWN: {
      key: 'town',
      expr: 't.town_id',
      type: () => Region,
      ref: () => regionTable,
      description: 'Town.',
    },
    AFFILIATION: {
      key: 'affiliation',
      expr: 't.affiliation_id',
      type: () => Organization,
      ref: () => organizationTable,
      description: 'Affiliation.',
    },
    ...dateDimensions('ARRIVED', 'arrived', 'arrived_on', 'Arrival'),
  },
});
