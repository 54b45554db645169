import { UserErrorCode } from '../../graphql/payload.js';
import { NAME_FIELDS } from '../../graphql/write/inputs.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { UnionMembership, UnionOrganization, UnionRole } from './union.entity.js';
import { unionMembershipTable, unionOrganizationTable } from './union.service.js';

/** Writes of union organisations. */
export const unionWrites = defineWrites({
  entity: UnionOrganization,
  type: 'UnionOrganization',
  table: unionOrganizationTable,
  owner: ['region'],
  refs: { region: true, parent: true },
  fields: {
    kind: { kind: 'value', required: true },
    ...NAME_FIELDS,
    foundedOn: { kind: 'date', notFuture: true },
    agricultureRelated: { kind: 'value' },
    reportedMemberCount: { kind: 'int', min: 0 },
    reportedEnterpriseCount: { kind: 'int', min: 0 },
    facilities: { kind: 'set' },
  },
  validate(w, union) {
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
  type: 'UnionMembership',
  table: unionMembershipTable,
  owner: ['organization', 'region'],
  refs: { organization: true, talent: true },
  fields: {
    role: { kind: 'value', required: true, default: UnionRole.MEMBER },
    joinedOn: { kind: 'date', notFuture: true },
    electedOn: { kind: 'date', notFuture: true },
  },
  unique: [
    { props: ['organization', 'talent'], field: 'talentId', message: 'The talent is a member already' },
  ],
  operations: { create: 'addUnionMember', update: 'updateUnionMember', remove: 'removeUnionMember' },
  removed: ['organization', 'talent', 'role'],
});
export const unionMemberWrites = { add: members.create, update: members.update, remove: members.remove };
