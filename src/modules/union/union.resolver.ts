import { Int } from 'type-graphql';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { RemoveLinkInput } from '../project/project.inputs.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentService } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import {
  AddUnionMemberInput,
  CreateUnionOrganizationInput,
  UnionMembershipPayload,
  UnionOrganizationPayload,
  UpdateUnionMemberInput,
  UpdateUnionOrganizationInput,
} from './union.inputs.js';
import { unionMembershipService, unionService } from './union.service.js';
import {
  UnionMembership,
  UnionMembershipConnection,
  UnionMembershipListArgs,
  UnionOrganization,
  UnionOrganizationConnection,
  UnionOrganizationListArgs,
} from './union.types.js';
import { unionMemberWrites, unionWrites } from './union.writes.js';

// biome-ignore format: a table, one field a line
export const UnionOrganizationResolver = ResolverOf(UnionOrganization, { what: 'union organisation', named: true, payload: UnionOrganizationPayload }, {
  unionOrganizations: field.listQuery(UnionOrganizationConnection, UnionOrganizationListArgs, unionService.list, 'Trade-union organisations.'),
  unionOrganization: field.byCode(UnionOrganization, unionService.bySlug, 'Current or former slug.', 'A union organisation by its slug (a former one too: the answer’s `slug` is the current one); null when there is none.', 'slug'),
  parent: field.toOne(UnionOrganization, unionService.byId, 'The organisation this one belongs to (a branch’s joint union).', { nullable: true }),
  region: field.toOne(Region, regionService.byId, 'Region the organisation is registered in.'),
  memberCount: field.computed(Int, unionService.memberCount, 'Members on record, public profiles or not (a figure; names are listed only for public profiles).'),
  branches: field.toMany(UnionOrganizationConnection, UnionOrganizationListArgs, unionService.branches, 'Organisations directly below this one (branches, member unions).'),
  memberships: field.toMany(UnionMembershipConnection, UnionMembershipListArgs, unionMembershipService.byOrganization, 'Memberships of talents with a public profile.'),
  createUnionOrganization: field.mutation(CreateUnionOrganizationInput, unionWrites.create, 'Records a union organisation in a region you govern.'),
  updateUnionOrganization: field.mutation(UpdateUnionOrganizationInput, unionWrites.update, 'Changes a union organisation; CONFLICT when it changed since `version`.'),
  archiveUnionOrganization: field.archive(unionWrites.archive, 'Archives a union organisation.'),
});

// biome-ignore format: a table, one field a line
export const UnionMembershipResolver = ResolverOf(UnionMembership, { payload: UnionMembershipPayload }, {
  unionMemberships: field.listQuery(UnionMembershipConnection, UnionMembershipListArgs, unionMembershipService.list, 'Union memberships of talents with a public profile.'),
  organization: field.toOne(UnionOrganization, unionService.byId, 'The union organisation.'),
  talent: field.toOne(Talent, talentService.byId, 'The member.'),
  addUnionMember: field.mutation(AddUnionMemberInput, unionMemberWrites.add, 'Adds a talent to a union organisation, with office and election date.', 'Organisation, talent, office.'),
  updateUnionMember: field.mutation(UpdateUnionMemberInput, unionMemberWrites.update, 'Changes a membership (office, dates).'),
  removeUnionMember: field.mutation(RemoveLinkInput, unionMemberWrites.remove, 'Removes a member (the audit trail keeps the membership).', 'The membership.'),
});
