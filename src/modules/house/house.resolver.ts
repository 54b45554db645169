import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { MAP_LIMIT, MAP_LIMIT_ARG, mapLimit } from '../../graphql/geojson.js';
import { Locale } from '../../graphql/locale.js';
import { LOCALE_ARG } from '../../graphql/localized.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
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
  RuralHouseFeatureCollection,
  RuralHouseListArgs,
  RuralHouseWhere,
  Tenant,
} from './house.types.js';
import { houseWrites, leaseWrites } from './house.writes.js';

@Resolver(() => RuralHouse)
class RuralHouseFields {
  @Query(() => RuralHouseFeatureCollection, {
    description: `Rural houses matching \`where\` that have a location, as typed GeoJSON for map libraries: a FeatureCollection of Points with each house’s public fields (address, status, use, floor area; never its owner household or tenant), its village, and its distance from the \`near\` point of \`where\` (nearest first then); at most \`limit\` features (${MAP_LIMIT} by default), with their bounding box. One SQL statement.`,
  })
  ruralHouseMap(
    @Arg('where', () => RuralHouseWhere, {
      nullable: true,
      description: 'Which houses (the same filter as `ruralHouses`; a `near` point sorts them by distance).',
    })
    where: InstanceType<typeof RuralHouseWhere> | null,
    @Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG }) locale: Locale | null,
    @Arg('limit', () => Int, { nullable: true, description: MAP_LIMIT_ARG }) limit: number | null,
    @Ctx() ctx: Context,
  ) {
    return houseService.map(ctx, where, locale ?? ctx.locale, mapLimit(limit));
  }
}

// biome-ignore format: a table, one field a line
export const RuralHouseResolver = ResolverOf(RuralHouse, { what: 'house', payload: RuralHousePayload, base: RuralHouseFields }, {
  ruralHouses: field.listQuery(RuralHouseConnection, RuralHouseListArgs, houseService.list, 'Rural houses, filtered by village, status, use and area.'),
  village: field.toOne(Village, villageService.byId, 'The village the house stands in.'),
  address: field.text('Address within the village in the chosen language, e.g. 东山村12号 / No. 12, Dongshan Village; the Chinese one when there is no English one.', { nullable: false, zh: 'address', en: 'addressEn' }),
  location: field.point('Where the house is; null when not surveyed.'),
  renovationNote: field.text('What was renovated, in the chosen language.'),
  ownerHousehold: field.privateColumn('Private: the owner household. Officials of the house’s region and admins only; null otherwise.'),
  currentLease: field.computed(Lease, leaseService.current, 'The lease in force today, if any.', { nullable: true }),
  tenant: field.computedWithInfo(Tenant, leaseService.currentTenant, 'Who holds the house today under its current lease; null when free or held by a talent without a public profile.', { nullable: true }),
  leases: field.toMany(LeaseConnection, LeaseListArgs, leaseService.byHouse, 'All leases of the house, latest first by default.'),
  createRuralHouse: field.mutation(CreateRuralHouseInput, houseWrites.create, 'Records a rural house in a village you govern.'),
  updateRuralHouse: field.mutation(UpdateRuralHouseInput, houseWrites.update, 'Changes a house; CONFLICT when it changed since `version`.'),
  archiveRuralHouse: field.archive(houseWrites.archive, 'Archives a house: gone from lists, kept with its leases and history.'),
});

// biome-ignore format: a table, one field a line
export const LeaseResolver = ResolverOf(Lease, { what: 'lease', payload: LeasePayload }, {
  leases: field.listQuery(LeaseConnection, LeaseListArgs, leaseService.list, 'Leases (transfers) of rural houses.'),
  house: field.toOne(RuralHouse, houseService.byId, 'The house.'),
  tenant: field.computed(Tenant, leaseService.tenant, 'Who holds the house; null for a talent without a public profile.', { nullable: true }),
  annualRent: field.amount('Yearly rent, when agreed.', { nullable: true }),
  createLease: field.mutation(CreateLeaseInput, leaseWrites.create, 'Transfers a house (流转) to a talent, project or organisation: at most 20 years, never overlapping another lease of the house.'),
  updateLease: field.mutation(UpdateLeaseInput, leaseWrites.update, 'Corrects a lease’s mode, rent or agreed end; CONFLICT when it changed since `version`.'),
  terminateLease: field.mutation(TerminateLeaseInput, leaseWrites.terminate, 'Ends a lease early.', 'The lease and its last day.'),
  archiveLease: field.archive(leaseWrites.archive, 'Archives a lease recorded by mistake: gone from lists, kept in the history.'),
});
