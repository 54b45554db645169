import { defineGroups } from '../../graphql/groups.js';
import { houseTable, leaseTable } from './house.service.js';
import { LeaseWhere, RuralHouseWhere } from './house.types.js';

/** ruralHouseGroups: houses by status per village, by use, by renovation period. */
export const RuralHouseGroupsResolver = defineGroups(houseTable, RuralHouseWhere, 'houses', {
  dimensions: ['status', 'currentUse', 'village'],
  dates: { renovatedOn: 'Renovation' },
  measures: { floorAreaM2: 'Floor areas (m²).' },
});

/** leaseGroups: leases by mode, tenant type, village, start period. */
export const LeaseGroupsResolver = defineGroups(leaseTable, LeaseWhere, 'leases', {
  dimensions: [
    'mode',
    {
      key: 'tenantType',
      expr: "(case when t.lessee_talent_id is not null then 'Talent' when t.lessee_project_id is not null then 'Project' else 'Organization' end)",
      type: () => String,
      description: 'Kind of tenant: Talent, Project or Organization.',
    },
    { key: 'village', prop: 'house.village', description: 'Village of the house.' },
    'house',
    { key: 'tenantTalent', prop: 'lesseeTalent', description: 'Talent tenant (null: none, or not public).' },
    { key: 'tenantProject', prop: 'lesseeProject', description: 'Project tenant.' },
    { key: 'tenantOrganization', prop: 'lesseeOrganization', description: 'Organisation tenant.' },
  ],
  dates: { startsOn: 'Start', endsOn: 'Agreed end' },
  measures: { annualRent: 'Yearly rents (CNY).' },
});
