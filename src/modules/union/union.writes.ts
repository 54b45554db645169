import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { addLink, crudWrites, removeLink } from '../../graphql/write/crud.js';
import { applyFields, type FieldRule } from '../../graphql/write/inputs.js';
import { mutate } from '../../graphql/write/mutation.js';
import type { RemoveLinkInput } from '../project/project.inputs.js';
import { Region } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { UnionMembership, UnionOrganization, UnionRole } from './union.entity.js';
import type { AddUnionMemberInput, UpdateUnionMemberInput } from './union.inputs.js';
import { unionMembershipTable, unionOrganizationTable } from './union.service.js';

const REGION_OF_UNION = 'select region_id as r from union_organization where id = ?';
const REGION_OF_MEMBERSHIP =
  'select u.region_id as r from union_membership m join union_organization u on u.id = m.organization_id where m.id = ?';

/** Writes of union organisations. */
export const unionWrites = crudWrites({
  entity: UnionOrganization,
  type: 'UnionOrganization',
  table: unionOrganizationTable,
  regionOf: REGION_OF_UNION,
  regionOfNew: (refs) => (refs.region as Region | undefined)?.id ?? null,
  refs: {
    regionId: { prop: 'region', type: 'Region', entity: Region, required: true },
    parentId: { prop: 'parent', type: 'UnionOrganization', entity: UnionOrganization },
  },
  fields: {
    kind: { kind: 'value', required: true },
    nameZh: { kind: 'text', required: true },
    nameEn: { kind: 'text', required: true },
    descriptionZh: { kind: 'text', max: 4000 },
    descriptionEn: { kind: 'text', max: 4000 },
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

const MEMBER_FIELDS: Record<string, FieldRule> = {
  role: { kind: 'value', required: true },
  joinedOn: { kind: 'date', notFuture: true },
  electedOn: { kind: 'date', notFuture: true },
};

/** Memberships of talents in union organisations, with office and election date. */
export const unionMemberWrites = {
  add: (ctx: Context, input: AddUnionMemberInput) =>
    addLink(
      ctx,
      {
        entity: UnionMembership,
        type: 'UnionMembership',
        table: unionMembershipTable,
        operation: 'addUnionMember',
        parent: {
          field: 'organizationId',
          prop: 'organization',
          type: 'UnionOrganization',
          entity: UnionOrganization,
          regionOf: REGION_OF_UNION,
        },
        child: { field: 'talentId', prop: 'talent', type: 'Talent', entity: Talent },
        unique: [],
        taken: 'The talent is a member already',
        fields: MEMBER_FIELDS,
      },
      { role: UnionRole.MEMBER, ...input } as never,
    ),

  update: (ctx: Context, input: UpdateUnionMemberInput) =>
    mutate(ctx, unionMembershipTable, async (w) => {
      const membership = await w.load(UnionMembership, 'UnionMembership', input);
      const regionId = await w.regionBy(REGION_OF_MEMBERSHIP, membership.id);
      w.authorize(regionId, 'this membership');
      w.track('updateUnionMember', 'UnionMembership', membership, regionId);
      applyFields(w, membership, input as never, MEMBER_FIELDS, false);
      return membership;
    }),

  remove: (ctx: Context, input: RemoveLinkInput) =>
    removeLink(
      ctx,
      {
        entity: UnionMembership,
        type: 'UnionMembership',
        table: unionMembershipTable,
        regionOf: REGION_OF_MEMBERSHIP,
        operation: 'removeUnionMember',
        fields: ['organization', 'talent', 'role'],
      },
      input,
    ),
};
