import { UserErrorCode } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { UnionMembership, UnionOrganization } from './union.entity.js';
import { AddUnionMemberInput, CreateUnionOrganizationInput } from './union.inputs.js';
import { unionMembershipTable, unionOrganizationTable, unionSlugs } from './union.service.js';

/** Writes of union organisations. */
export const unionWrites = defineWrites({
  entity: UnionOrganization,
  table: unionOrganizationTable,
  owner: ['region'],
  input: CreateUnionOrganizationInput,
  async validate(w, union, input, { creating }) {
    await unionSlugs.write(w, union, input, creating);
    if (union.parent && (union.parent as UnionOrganization).id === union.id) {
      w.fail(['input', 'parentId'], UserErrorCode.RULE_BROKEN, 'An organisation cannot be its own parent');
    }
    union.facilities ??= [];
    union.agricultureRelated ??= false;
  },
});

/** Memberships of talents in union organisations, with office and election date. */
const members = defineWrites({
  entity: UnionMembership,
  table: unionMembershipTable,
  owner: ['organization', 'region'],
  input: AddUnionMemberInput,
  unique: [
    { props: ['organization', 'talent'], field: 'talentId', message: 'The talent is a member already' },
  ],
  operations: { create: 'addUnionMember', update: 'updateUnionMember', remove: 'removeUnionMember' },
  removed: ['organization', 'talent', 'role'],
});
export const unionMemberWrites = { add: members.create, update: members.update, remove: members.remove };
