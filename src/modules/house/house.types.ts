import { createUnionType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import {
  DateFilter,
  DecimalFilter,
  EnumFilter,
  IDFilter,
  NearFilter,
  StringFilter,
} from '../../graphql/filters.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { Organization } from '../organization/organization.types.js';
import { Project } from '../project/project.types.js';
import { Talent } from '../talent/talent.types.js';
import { VillageWhere } from '../village/village.types.js';
import { HouseStatus, HouseUse, LeaseMode } from './house.entity.js';

registerEnumType(HouseStatus, {
  name: 'HouseStatus',
  description: 'IDLE 闲置, TRANSFERRED 已流转, RENOVATING 改建中, RENOVATED 已改建, IN_USE 已投用.',
});
registerEnumType(HouseUse, { name: 'HouseUse', description: 'What a house is used for.' });
registerEnumType(LeaseMode, {
  name: 'LeaseMode',
  description: 'How a house is transferred (流转): LEASE 出租, SHARE 入股, COOPERATION 合作, SELF_RUN 自营.',
});

/** Who holds a house: a talent, a project or an organisation. */
export const Tenant = createUnionType({
  name: 'Tenant',
  description: 'Who holds a house under a lease: a talent, a project or an organisation.',
  types: () => [Talent, Project, Organization] as const,
  resolveType: (value) => (value as unknown as Row).__typename,
});

/** A rural house. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A rural house of a village; its owner household is private.',
})
export class RuralHouse extends VersionedNode {
  @Field(() => String, { description: 'Address within the village.' })
  address: string;

  @Field(() => DecimalScalar, { description: 'Floor area in square metres.' })
  floorAreaM2: string;

  @Field(() => HouseStatus, { description: 'Renovation and transfer status.' })
  status: HouseStatus;

  @Field(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse?: HouseUse | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the renovation was completed.' })
  renovatedOn?: string | null;
}

/** A transfer of a house. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A transfer (流转) of a house to a talent, a project or an organisation; at most 20 years.',
})
export class Lease extends VersionedNode {
  @Field(() => LeaseMode, { description: 'How the house is transferred.' })
  mode: LeaseMode;

  @Field(() => LocalDateScalar, { description: 'First day.' })
  startsOn: string;

  @Field(() => LocalDateScalar, { description: 'Agreed end (at most 20 years after the start).' })
  endsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it ended early, if it did.' })
  terminatedOn?: string | null;
}

export enum RuralHouseOrderField {
  DISTANCE = 'DISTANCE',
  ADDRESS = 'ADDRESS',
  FLOOR_AREA = 'FLOOR_AREA',
}
registerEnumType(RuralHouseOrderField, {
  name: 'RuralHouseOrderField',
  description: 'Sortable fields of houses.',
});

export enum LeaseOrderField {
  STARTS_ON = 'STARTS_ON',
  ENDS_ON = 'ENDS_ON',
}
registerEnumType(LeaseOrderField, { name: 'LeaseOrderField', description: 'Sortable fields of leases.' });

const HouseStatusFilter = EnumFilter(HouseStatus, 'HouseStatus');
const HouseUseFilter = EnumFilter(HouseUse, 'HouseUse');
const LeaseModeFilter = EnumFilter(LeaseMode, 'LeaseMode');

@InputType({ description: 'Conditions on rural houses; all given fields must hold.' })
export class RuralHouseWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The house itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Address.' })
  address?: StringFilter;
  @Field(() => HouseStatusFilter, { nullable: true, description: 'Status.' })
  status?: InstanceType<typeof HouseStatusFilter>;
  @Field(() => HouseUseFilter, { nullable: true, description: 'Current use.' })
  currentUse?: InstanceType<typeof HouseUseFilter>;
  @Field(() => DecimalFilter, { nullable: true, description: 'Floor area in m².' })
  floorAreaM2?: InstanceType<typeof DecimalFilter>;
  @Field(() => VillageWhere, { nullable: true, description: 'The village matches.' })
  village?: VillageWhere;
  @Field(() => NearFilter, {
    nullable: true,
    description: 'Within a distance of a point (needs coordinates).',
  })
  near?: NearFilter;
  @Field(() => [RuralHouseWhere], { nullable: true, description: 'All of these hold.' })
  and?: RuralHouseWhere[];
  @Field(() => [RuralHouseWhere], { nullable: true, description: 'Any of these holds.' })
  or?: RuralHouseWhere[];
  @Field(() => RuralHouseWhere, { nullable: true, description: 'This does not hold.' })
  not?: RuralHouseWhere;
}

@InputType({ description: 'Conditions on leases; all given fields must hold.' })
export class LeaseWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The lease itself.' })
  id?: IDFilter;
  @Field(() => LeaseModeFilter, { nullable: true, description: 'Mode.' })
  mode?: InstanceType<typeof LeaseModeFilter>;
  @Field(() => DateFilter, { nullable: true, description: 'Start date.' })
  startsOn?: InstanceType<typeof DateFilter>;
  @Field(() => DateFilter, { nullable: true, description: 'End date.' })
  endsOn?: InstanceType<typeof DateFilter>;
  @Field(() => RuralHouseWhere, { nullable: true, description: 'The house matches.' })
  house?: RuralHouseWhere;
  @Field(() => [LeaseWhere], { nullable: true, description: 'All of these hold.' })
  and?: LeaseWhere[];
  @Field(() => [LeaseWhere], { nullable: true, description: 'Any of these holds.' })
  or?: LeaseWhere[];
  @Field(() => LeaseWhere, { nullable: true, description: 'This does not hold.' })
  not?: LeaseWhere;
}

export const RuralHouseOrder = OrderInput(RuralHouseOrderField, 'RuralHouse');
export const RuralHouseListArgs = ListArgsOf(RuralHouseWhere, RuralHouseOrder, 'house');
export const LeaseOrder = OrderInput(LeaseOrderField, 'Lease');
export const LeaseListArgs = ListArgsOf(LeaseWhere, LeaseOrder, 'lease');

@ObjectType({ description: 'A page of rural houses.' })
export class RuralHouseConnection extends ConnectionOf(RuralHouse, 'RuralHouse') {}

@ObjectType({ description: 'A page of leases.' })
export class LeaseConnection extends ConnectionOf(Lease, 'Lease') {}
