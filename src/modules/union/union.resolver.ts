import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
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

@Resolver(() => UnionOrganization)
export class UnionOrganizationResolver extends NamedResolver(UnionOrganization, 'union organisation') {
  @Query(() => UnionOrganizationConnection, { description: 'Trade-union organisations.' })
  unionOrganizations(
    @Args(() => UnionOrganizationListArgs) args: InstanceType<typeof UnionOrganizationListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionService.list(ctx, args, info);
  }

  @FieldResolver(() => UnionOrganization, {
    nullable: true,
    description: 'The organisation this one belongs to (a branch’s joint union).',
  })
  parent(@Root() union: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return unionService.byId(ctx, union.parentId, 'UnionOrganization.parent', info);
  }

  @FieldResolver(() => UnionOrganizationConnection, {
    description: 'Organisations directly below this one (branches, member unions).',
  })
  branches(
    @Root() union: Row,
    @Args(() => UnionOrganizationListArgs) args: InstanceType<typeof UnionOrganizationListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionService.branches(ctx, union, args, info);
  }

  @FieldResolver(() => Region, { description: 'Region the organisation is registered in.' })
  region(@Root() union: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, union.regionId, 'UnionOrganization.region', info);
  }

  @FieldResolver(() => UnionMembershipConnection, {
    description: 'Memberships of talents with a public profile.',
  })
  memberships(
    @Root() union: Row,
    @Args(() => UnionMembershipListArgs) args: InstanceType<typeof UnionMembershipListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionMembershipService.byOrganization(ctx, union, args, info);
  }

  @FieldResolver(() => Int, {
    description:
      'Members on record, public profiles or not (a figure; names are listed only for public profiles).',
  })
  memberCount(@Root() union: Row, @Ctx() ctx: Context) {
    return unionService.memberCount(ctx, union);
  }

  @Mutation(() => UnionOrganizationPayload, {
    description: 'Records a union organisation in a region you govern.',
  })
  createUnionOrganization(
    @Arg('input', () => CreateUnionOrganizationInput, { description: 'The organisation.' })
    input: CreateUnionOrganizationInput,
    @Ctx() ctx: Context,
  ) {
    return unionWrites.create(ctx, input);
  }

  @Mutation(() => UnionOrganizationPayload, {
    description: 'Changes a union organisation; CONFLICT when it changed since `version`.',
  })
  updateUnionOrganization(
    @Arg('input', () => UpdateUnionOrganizationInput, { description: 'The changes.' })
    input: UpdateUnionOrganizationInput,
    @Ctx() ctx: Context,
  ) {
    return unionWrites.update(ctx, input);
  }

  @Mutation(() => UnionOrganizationPayload, { description: 'Archives a union organisation.' })
  archiveUnionOrganization(
    @Arg('input', () => ArchiveInput, { description: 'The organisation and its version.' })
    input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return unionWrites.archive(ctx, input);
  }
}

@Resolver(() => UnionMembership)
export class UnionMembershipResolver {
  @Query(() => UnionMembershipConnection, {
    description: 'Union memberships of talents with a public profile.',
  })
  unionMemberships(
    @Args(() => UnionMembershipListArgs) args: InstanceType<typeof UnionMembershipListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionMembershipService.list(ctx, args, info);
  }

  @FieldResolver(() => UnionOrganization, { description: 'The union organisation.' })
  organization(@Root() membership: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return unionService.byId(ctx, membership.organizationId, 'UnionMembership.organization', info);
  }

  @FieldResolver(() => Talent, { description: 'The member.' })
  talent(@Root() membership: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return talentService.byId(ctx, membership.talentId, 'UnionMembership.talent', info);
  }

  @Mutation(() => UnionMembershipPayload, {
    description: 'Adds a talent to a union organisation, with office and election date.',
  })
  addUnionMember(
    @Arg('input', () => AddUnionMemberInput, { description: 'Organisation, talent, office.' })
    input: AddUnionMemberInput,
    @Ctx() ctx: Context,
  ) {
    return unionMemberWrites.add(ctx, input);
  }

  @Mutation(() => UnionMembershipPayload, { description: 'Changes a membership (office, dates).' })
  updateUnionMember(
    @Arg('input', () => UpdateUnionMemberInput, { description: 'The changes.' })
    input: UpdateUnionMemberInput,
    @Ctx() ctx: Context,
  ) {
    return unionMemberWrites.update(ctx, input);
  }

  @Mutation(() => UnionMembershipPayload, {
    description: 'Removes a member (the audit trail keeps the membership).',
  })
  removeUnionMember(
    @Arg('input', () => RemoveLinkInput, { description: 'The membership.' }) input: RemoveLinkInput,
    @Ctx() ctx: Context,
  ) {
    return unionMemberWrites.remove(ctx, input);
  }
}
