import { defineModule } from '../module.js';
import { Lease, RuralHouse } from './house.entity.js';
import { LeaseGroupsResolver, RuralHouseGroupsResolver } from './house.groups.js';
import { LeaseResolver, RuralHouseResolver } from './house.resolver.js';
import {
  BY_HOUSE,
  BY_VILLAGE,
  CURRENT_LEASE_ALONG,
  CURRENT_TENANT_ALONG,
  houseTable,
  leaseTable,
} from './house.service.js';

/** Rural houses and their leases. */
export const houseModule = defineModule({
  name: 'house',
  entities: [RuralHouse, Lease],
  resolvers: [RuralHouseResolver, LeaseResolver, RuralHouseGroupsResolver, LeaseGroupsResolver],
  tables: [houseTable, leaseTable],
  lists: [BY_VILLAGE, BY_HOUSE, CURRENT_LEASE_ALONG, CURRENT_TENANT_ALONG],
});
