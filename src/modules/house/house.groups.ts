import { dateDimensions, defineGroups } from '../../graphql/groups.js';
import { organizationTable } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectTable } from '../project/project.service.js';
import { Project } from '../project/project.types.js';
import { talentTable } from '../talent/talent.service.js';
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
    STATUS: { key: 'status', expr: 't.status', type: () => HouseStatus, description: 'Status.' },
    CURRENT_USE: { key: 'currentUse', expr: 't.current_use', type: () => HouseUse, description: 'Use.' },
    VILLAGE: {
      key: 'village',
      expr: 't.village_id',
      type: () => Village,
      ref: () => villageTable,
      description: 'Village.',
    },
    ...dateDimensions('RENOVATED', 'renovated', 'renovated_on', 'Renovation'),
  },
  measures: { floorAreaM2: { column: 'floor_area_m2', description: 'Floor areas (m²).' } },
});

/** leaseGroups: leases by mode, tenant type, village, start period. */
export const LeaseGroupsResolver = defineGroups({
  name: 'Lease',
  query: 'leaseGroups',
  what: 'leases',
  table: () => leaseTable,
  where: LeaseWhere,
  dimensions: {
    MODE: { key: 'mode', expr: 't.mode', type: () => LeaseMode, description: 'Mode.' },
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
      expr: 't.house_id',
      type: () => RuralHouse,
      ref: () => houseTable,
      description: 'House.',
    },
    TENANT_TALENT: {
      key: 'tenantTalent',
      expr: 't.lessee_talent_id',
      type: () => Talent,
      ref: () => talentTable,
      description: 'Talent tenant (null: none, or not public).',
    },
    TENANT_PROJECT: {
      key: 'tenantProject',
      expr: 't.lessee_project_id',
      type: () => Project,
      ref: () => projectTable,
      description: 'Project tenant.',
    },
    TENANT_ORGANIZATION: {
      key: 'tenantOrganization',
      expr: 't.lessee_organization_id',
      type: () => Organization,
      ref: () => organizationTable,
      description: 'Organisation tenant.',
    },
    ...dateDimensions('STARTS', 'starts', 'starts_on', 'Start'),
    ...dateDimensions('ENDS', 'ends', 'ends_on', 'Agreed end'),
  },
  measures: { annualRent: { column: 'annual_rent', description: 'Yearly rents (CNY).' } },
});
