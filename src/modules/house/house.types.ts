import { createUnionType } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { DateFilter, DecimalFilter, registerEnum, StringFilter } from '../../graphql/filters.js';
import { BY_DISTANCE, enumField, filter, idFilter, listTypes, NEAR_WHERE } from '../../graphql/list-types.js';
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
