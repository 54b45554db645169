import { createUnionType, Field, Float, ID } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { DateFilter, DecimalFilter, registerEnum, StringFilter } from '../../graphql/filters.js';
import { FeatureCollectionOf, MAP_LIMIT } from '../../graphql/geojson.js';
import { BY_DISTANCE, enumField, filter, idFilter, listTypes, NEAR_WHERE } from '../../graphql/list-types.js';
import { ObjectType } from '../../graphql/object-type.js';
import { DecimalScalar } from '../../graphql/scalars.js';
import { Organization } from '../organization/organization.types.js';
import { Project } from '../project/project.types.js';
import { Talent } from '../talent/talent.types.js';
import { VillageWhere } from '../village/village.types.js';
import { HouseStatus, HouseUse, Lease, LeaseMode, RuralHouse } from './house.entity.js';

export { Lease, RuralHouse };

registerEnum(HouseStatus, {
  name: 'HouseStatus',
  description: 'Where a rural house stands in its renovation and transfer.',
});
registerEnum(HouseUse, { name: 'HouseUse', description: 'What a house is used for.' });
registerEnum(LeaseMode, { name: 'LeaseMode', description: 'How a house is transferred (流转).' });

/** Who holds a house: a talent, a project or an organisation. */
export const Tenant = createUnionType({
  name: 'Tenant',
  description: 'Who holds a house under a lease: a talent, a project or an organisation.',
  types: () => [Talent, Project, Organization] as const,
  resolveType: (value) => (value as unknown as Row).__typename,
});

/** What lists of houses filter and sort by (house.service.ts's table spec reads it too). */
export const RuralHouseList = listTypes(RuralHouse, {
  one: 'house',
  many: 'rural houses',
  where: {
    id: idFilter('The house itself.'),
    address: filter(() => StringFilter, 'Address, in either language.', { props: ['address', 'addressEn'] }),
    status: enumField(HouseStatus, 'Status.'),
    currentUse: enumField(HouseUse, 'Current use.'),
    floorAreaM2: filter(() => DecimalFilter, 'Floor area in m².'),
    village: filter(() => VillageWhere, 'The village matches.'),
    near: NEAR_WHERE,
  },
  orderBy: { ADDRESS: 'address', FLOOR_AREA: 'floorAreaM2', DISTANCE: BY_DISTANCE },
});
export const {
  Where: RuralHouseWhere,
  ListArgs: RuralHouseListArgs,
  Connection: RuralHouseConnection,
} = RuralHouseList;

/**
 * What a house's map feature says of it: its public fields only (no owner household, no tenant: a
 * map is read by anyone).
 */
@ObjectType('RuralHouseFeatureProperties', {
  description:
    'The `properties` of a rural house’s map feature: its public fields and its village (never its owner household or tenant).',
})
export class RuralHouseFeatureProperties {
  @Field(() => ID, { description: 'The house’s global id (as `node(id:)` takes it).' })
  id: string;

  @Field(() => String, { description: 'Address within the village.' })
  address: string;

  @Field(() => HouseStatus, { description: 'Renovation and transfer status.' })
  status: HouseStatus;

  @Field(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse: HouseUse | null;

  @Field(() => DecimalScalar, { description: 'Floor area in square metres.' })
  floorAreaM2: string;

  @Field(() => ID, { description: 'The village’s global id.' })
  villageId: string;

  @Field(() => String, { description: 'The village’s URL slug (as `village(slug:)` takes it).' })
  villageSlug: string;

  @Field(() => String, {
    description: 'The village’s name in the map’s `locale` (Chinese when there is no English one).',
  })
  villageName: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Great-circle distance in km from the `near` point of the map’s `where`; null when it has none.',
  })
  distanceKm: number | null;
}

export const { Feature: RuralHouseFeature, FeatureCollection: RuralHouseFeatureCollection } =
  FeatureCollectionOf(RuralHouseFeatureProperties, 'RuralHouse', {
    one: 'rural house',
    many: 'rural houses',
    limit: MAP_LIMIT,
  });

/** What lists of leases filter and sort by (house.service.ts's table spec reads it too). */
export const LeaseList = listTypes(Lease, {
  one: 'lease',
  many: 'leases',
  where: {
    id: idFilter('The lease itself.'),
    mode: enumField(LeaseMode, 'Mode.'),
    startsOn: filter(() => DateFilter, 'Start date.'),
    endsOn: filter(() => DateFilter, 'End date.'),
    house: filter(() => RuralHouseWhere, 'The house matches.'),
  },
  orderBy: { STARTS_ON: 'startsOn', ENDS_ON: 'endsOn' },
});
export const { Where: LeaseWhere, ListArgs: LeaseListArgs, Connection: LeaseConnection } = LeaseList;
