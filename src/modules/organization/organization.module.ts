import { defineModule } from '../module.js';
import { Organization } from './organization.entity.js';
import { OrganizationGroupsResolver } from './organization.groups.js';
import { OrganizationResolver } from './organization.resolver.js';
import { BY_REGION, organizationTable } from './organization.service.js';

/** Organisations and their grouped figures. */
export const organizationModule = defineModule({
  name: 'organization',
  entities: [Organization],
  resolvers: [OrganizationResolver, OrganizationGroupsResolver],
  tables: [organizationTable],
  lists: [BY_REGION],
});
