import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import type { Row } from '../../graphql/read/table.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { talentService } from '../talent/talent.service.js';
import { Talent } from '../talent/talent.types.js';
import { unionMembershipService, unionService } from './union.service.js';
import {
  UnionMembership,
  UnionMembershipConnection,
  UnionMembershipListArgs,
  UnionOrganization,
  UnionOrganizationConnection,
  UnionOrganizationListArgs,
} from './union.types.js';

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
  parent(@Root() union: Row, @Ctx() ctx: Context) {
    return unionService.byId(ctx, union.parentId, 'UnionOrganization.parent');
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
  region(@Root() union: Row, @Ctx() ctx: Context) {
    return regionService.byId(ctx, union.regionId, 'UnionOrganization.region');
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
  organization(@Root() membership: Row, @Ctx() ctx: Context) {
    return unionService.byId(ctx, membership.organizationId, 'UnionMembership.organization');
  }

  @FieldResolver(() => Talent, { description: 'The member.' })
  talent(@Root() membership: Row, @Ctx() ctx: Context) {
    return talentService.byId(ctx, membership.talentId, 'UnionMembership.talent');
  }
}
