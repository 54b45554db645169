import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { NamedResolver } from '../../graphql/localized.js';
import { ArchiveInput, UpdateNamedInput } from '../../graphql/write/inputs.js';
import { organizationService } from '../organization/organization.service.js';
import { OrganizationConnection, OrganizationListArgs } from '../organization/organization.types.js';
import { projectService } from '../project/project.service.js';
import { ProjectConnection, ProjectListArgs } from '../project/project.types.js';
import { talentService } from '../talent/talent.service.js';
import { TalentConnection, TalentListArgs } from '../talent/talent.types.js';
import { unionService } from '../union/union.service.js';
import { UnionOrganizationConnection, UnionOrganizationListArgs } from '../union/union.types.js';
import { villageService } from '../village/village.service.js';
import { VillageConnection, VillageListArgs } from '../village/village.types.js';
import { CreateRegionInput, RegionPayload } from './region.inputs.js';
import { regionService } from './region.service.js';
import { RegionStats } from './region.stats.js';
import { Region, RegionConnection, RegionListArgs } from './region.types.js';
import { regionWrites } from './region.writes.js';

@Resolver(() => Region)
export class RegionResolver extends NamedResolver(Region, 'region') {
  @Query(() => RegionConnection, { description: 'Regions: the city, its districts and towns.' })
  regions(
    @Args(() => RegionListArgs) args: InstanceType<typeof RegionListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return regionService.list(ctx, args, info);
  }

  @Query(() => Region, {
    nullable: true,
    description: 'A region by its slug, e.g. "dashuibo"; null when there is none.',
  })
  region(
    @Arg('code', () => String, { description: 'Region slug.' }) code: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return regionService.byCode(ctx, code, info);
  }

  @FieldResolver(() => RegionStats, {
    description:
      'Headline figures of this region and every region below it (talents, houses, investment, villages, unions).',
  })
  stats(@Root() region: Row): RegionStats {
    return { regionId: region.pk, computed: region.$stats as RegionStats['computed'] };
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The region this one belongs to (a town’s district, a district’s city).',
  })
  parent(@Root() region: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, region.parentId, 'Region.parent', info);
  }

  @FieldResolver(() => RegionConnection, { description: 'Regions directly below this one.' })
  children(
    @Root() region: Row,
    @Args(() => RegionListArgs) args: InstanceType<typeof RegionListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return regionService.children(ctx, region, args, info);
  }

  @FieldResolver(() => VillageConnection, { description: 'Villages of this town.' })
  villages(
    @Root() region: Row,
    @Args(() => VillageListArgs) args: InstanceType<typeof VillageListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return villageService.byTown(ctx, region, args, info);
  }

  @FieldResolver(() => TalentConnection, { description: 'Talents of this town who have a public profile.' })
  talents(
    @Root() region: Row,
    @Args(() => TalentListArgs) args: InstanceType<typeof TalentListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return talentService.byTown(ctx, region, args, info);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects located in this town.' })
  projects(
    @Root() region: Row,
    @Args(() => ProjectListArgs) args: InstanceType<typeof ProjectListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return projectService.byTown(ctx, region, args, info);
  }

  @FieldResolver(() => UnionOrganizationConnection, {
    description: 'Union organisations registered in this region.',
  })
  unionOrganizations(
    @Root() region: Row,
    @Args(() => UnionOrganizationListArgs) args: InstanceType<typeof UnionOrganizationListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return unionService.byRegion(ctx, region, args, info);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Organisations based in this region.' })
  organizations(
    @Root() region: Row,
    @Args(() => OrganizationListArgs) args: InstanceType<typeof OrganizationListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return organizationService.byRegion(ctx, region, args, info);
  }

  @Mutation(() => RegionPayload, { description: 'Creates a region (admins only).' })
  createRegion(
    @Arg('input', () => CreateRegionInput, { description: 'The region.' }) input: CreateRegionInput,
    @Ctx() ctx: Context,
  ) {
    return regionWrites.create(ctx, input);
  }

  @Mutation(() => RegionPayload, { description: 'Renames or redescribes a region (admins only).' })
  updateRegion(
    @Arg('input', () => UpdateNamedInput, { description: 'The changes.' }) input: UpdateNamedInput,
    @Ctx() ctx: Context,
  ) {
    return regionWrites.update(ctx, input);
  }

  @Mutation(() => RegionPayload, { description: 'Archives a region (admins only).' })
  archiveRegion(
    @Arg('input', () => ArchiveInput, { description: 'The region and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return regionWrites.archive(ctx, input);
  }
}
