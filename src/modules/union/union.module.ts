import { defineModule } from '../module.js';
import { UnionMembership, UnionOrganization } from './union.entity.js';
import { UnionMembershipGroupsResolver, UnionOrganizationGroupsResolver } from './union.groups.js';
import { UnionMembershipResolver, UnionOrganizationResolver } from './union.resolver.js';
import {
  BY_TALENT,
  BY_UNION,
  UNIONS_BY_REGION,
  unionMembershipTable,
  unionOrganizationTable,
} from './union.service.js';

/** Union organisations and their memberships. */
export const unionModule = defineModule({
  name: 'union',
  entities: [UnionOrganization, UnionMembership],
  resolvers: [
    UnionOrganizationResolver,
    UnionMembershipResolver,
    UnionOrganizationGroupsResolver,
    UnionMembershipGroupsResolver,
  ],
  tables: [unionOrganizationTable, unionMembershipTable],
  lists: [UNIONS_BY_REGION, BY_UNION, BY_TALENT],
});
