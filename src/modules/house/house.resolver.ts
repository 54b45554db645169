import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG, pickText } from '../../graphql/localized.js';
import { GeoPoint, geoPoint, Money, money } from '../../graphql/types.js';
import { ArchiveInput } from '../../graphql/write/inputs.js';
import { villageService } from '../village/village.service.js';
import { Village } from '../village/village.types.js';
import {
  CreateLeaseInput,
  CreateRuralHouseInput,
  LeasePayload,
  RuralHousePayload,
  TerminateLeaseInput,
  UpdateLeaseInput,
  UpdateRuralHouseInput,
} from './house.inputs.js';
import { houseService, leaseService } from './house.service.js';
import {
  Lease,
  LeaseConnection,
  LeaseListArgs,
  RuralHouse,
  RuralHouseConnection,
  RuralHouseListArgs,
  Tenant,
} from './house.types.js';
import { houseWrites, leaseWrites } from './house.writes.js';

@Resolver(() => RuralHouse)
export class RuralHouseResolver {
  @Query(() => RuralHouseConnection, {
    description: 'Rural houses, filtered by village, status, use and area.',
  })
  ruralHouses(
    @Args(() => RuralHouseListArgs) args: InstanceType<typeof RuralHouseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return houseService.list(ctx, args, info);
  }

  @FieldResolver(() => Village, { description: 'The village the house stands in.' })
  village(@Root() house: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return villageService.byId(ctx, house.villageId, 'RuralHouse.village', info);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What was renovated, in the chosen language.' })
  renovationNote(
    @Root() house: Row,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Ctx() ctx: Context,
  ) {
    return pickText(house, 'renovationNoteZh', 'renovationNoteEn', locale, ctx);
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description: 'Where the house is; null when not surveyed.',
  })
  location(@Root() house: Row) {
    return geoPoint(house);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Private: the owner household. Officials of the house’s region and admins only; null otherwise.',
  })
  ownerHousehold(@Root() house: Row) {
    // A private column: masked in SQL (null) for callers the policy does not let read it.
    return (house.ownerHousehold as string | null) ?? null;
  }

  @FieldResolver(() => LeaseConnection, { description: 'All leases of the house, latest first by default.' })
  leases(
    @Root() house: Row,
    @Args(() => LeaseListArgs) args: InstanceType<typeof LeaseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return leaseService.byHouse(ctx, house, args, info);
  }

  @FieldResolver(() => Lease, { nullable: true, description: 'The lease in force today, if any.' })
  currentLease(@Root() house: Row, @Ctx() ctx: Context) {
    return leaseService.current(ctx, house);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description:
      'Who holds the house today under its current lease; null when free or held by a talent without a public profile.',
  })
  tenant(@Root() house: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return leaseService.currentTenant(ctx, house, info);
  }

  @Mutation(() => RuralHousePayload, { description: 'Records a rural house in a village you govern.' })
  createRuralHouse(
    @Arg('input', () => CreateRuralHouseInput, { description: 'The house.' }) input: CreateRuralHouseInput,
    @Ctx() ctx: Context,
  ) {
    return houseWrites.create(ctx, input);
  }

  @Mutation(() => RuralHousePayload, {
    description: 'Changes a house; CONFLICT when it changed since `version`.',
  })
  updateRuralHouse(
    @Arg('input', () => UpdateRuralHouseInput, { description: 'The changes.' }) input: UpdateRuralHouseInput,
    @Ctx() ctx: Context,
  ) {
    return houseWrites.update(ctx, input);
  }

  @Mutation(() => RuralHousePayload, {
    description: 'Archives a house: gone from lists, kept with its leases and history.',
  })
  archiveRuralHouse(
    @Arg('input', () => ArchiveInput, { description: 'The house and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return houseWrites.archive(ctx, input);
  }
}

@Resolver(() => Lease)
export class LeaseResolver {
  @Query(() => LeaseConnection, { description: 'Leases (transfers) of rural houses.' })
  leases(
    @Args(() => LeaseListArgs) args: InstanceType<typeof LeaseListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return leaseService.list(ctx, args, info);
  }

  @FieldResolver(() => RuralHouse, { description: 'The house.' })
  house(@Root() lease: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return houseService.byId(ctx, lease.houseId, 'Lease.house', info);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'Who holds the house; null for a talent without a public profile.',
  })
  tenant(@Root() lease: Row, @Ctx() ctx: Context) {
    return leaseService.tenant(ctx, lease);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Yearly rent, when agreed.' })
  annualRent(@Root() lease: Row) {
    return money(lease.annualRent, lease.currency);
  }

  @Mutation(() => LeasePayload, {
    description:
      'Transfers a house (流转) to a talent, project or organisation: at most 20 years, never overlapping another lease of the house.',
  })
  createLease(
    @Arg('input', () => CreateLeaseInput, { description: 'The lease.' }) input: CreateLeaseInput,
    @Ctx() ctx: Context,
  ) {
    return leaseWrites.create(ctx, input);
  }

  @Mutation(() => LeasePayload, {
    description: 'Corrects a lease’s mode, rent or agreed end; CONFLICT when it changed since `version`.',
  })
  updateLease(
    @Arg('input', () => UpdateLeaseInput, { description: 'The changes.' }) input: UpdateLeaseInput,
    @Ctx() ctx: Context,
  ) {
    return leaseWrites.update(ctx, input);
  }

  @Mutation(() => LeasePayload, { description: 'Ends a lease early.' })
  terminateLease(
    @Arg('input', () => TerminateLeaseInput, { description: 'The lease and its last day.' })
    input: TerminateLeaseInput,
    @Ctx() ctx: Context,
  ) {
    return leaseWrites.terminate(ctx, input);
  }

  @Mutation(() => LeasePayload, {
    description: 'Archives a lease recorded by mistake: gone from lists, kept in the history.',
  })
  archiveLease(
    @Arg('input', () => ArchiveInput, { description: 'The lease and its version.' }) input: ArchiveInput,
    @Ctx() ctx: Context,
  ) {
    return leaseWrites.archive(ctx, input);
  }
}
