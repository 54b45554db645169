import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { Organization } from '../organization/organization.types.js';
import { Project } from '../project/project.types.js';
import { Talent } from '../talent/talent.types.js';
import { villageTable } from '../village/village.service.js';
import { Village } from '../village/village.types.js';
import { HouseStatus, HouseUse, LeaseMode } from './house.entity.js';
import { houseTable, leaseTable } from './house.service.js';
import { LeaseWhere, RuralHouse, RuralHouseWhere } from './house.types.js';

/** ruralHouseGroups: houses by status per village, by use, by renovation period. */
export const RuralHouseGroupsResolver = defineGroups({
  name: 'RuralHouse',
  query: 'ruralHouseGroups',
  what: 'houses',
  table: () => houseTable,
  where: RuralHouseWhere,
  dimensions: {
    STATUS: { key: 'status', type: () => HouseStatus, description: 'Status.' },
    CURRENT_USE: { key: 'currentUse', type: () => HouseUse, description: 'Use.' },
    VILLAGE: {
      key: 'village',
      type: () => Village,
      description: 'Village.',
    },
    ...dateDimensions('RENOVATED', 'renovated', 'renovatedOn', 'Renovation'),
  },
  measures: { floorAreaM2: { description: 'Floor areas (m²).' } },
});

/** leaseGroups: leases by mode, tenant type, village, start period. */
export const LeaseGroupsResolver = defineGroups({
  name: 'Lease',
  query: 'leaseGroups',
  what: 'leases',
  table: () => leaseTable,
  where: LeaseWhere,
  dimensions: {
    MODE: { key: 'mode', type: () => LeaseMode, description: 'Mode.' },
    TENANT_TYPE: {
      key: 'tenantType',
      expr: "(case when t.lessee_talent_id is not null then 'Talent' when t.lessee_project_id is not null then 'Project' else 'Organization' end)",
      type: () => String,
      description: 'Kind of tenant: Talent, Project or Organization.',
    },
    VILLAGE: {
      key: 'village',
      expr: '(select h.village_id from rural_house h where h.id = t.house_id)',
      type: () => Village,
      ref: () => villageTable,
      description: 'Village of the house.',
    },
    HOUSE: {
      key: 'house',
      type: () => RuralHouse,
      description: 'House.',
    },
    TENANT_TALENT: {
      key: 'tenantTalent',
      prop: 'lesseeTalent',
      type: () => Talent,
      description: 'Talent tenant (null: none, or not public).',
    },
    TENANT_PROJECT: {
      key: 'tenantProject',
      prop: 'lesseeProject',
      type: () => Project,
      description: 'Project tenant.',
    },
    TENANT_ORGANIZATION: {
      key: 'tenantOrganization',
      prop: 'lesseeOrganization',
      type: () => Organization,
      description: 'Organisation tenant.',
    },
    ...dateDimensions('STARTS', 'starts', 'startsOn', 'Start'),
    ...dateDimensions('ENDS', 'ends', 'endsOn', 'Agreed end'),
  },
  measures: { annualRent: { description: 'Yearly rents (CNY).' } },
});
