import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { DecimalStats, GROUP_ARGS, GroupsOf } from '../../graphql/groups.js';
import { type AggregateSpec, dateBuckets, groupedFigures } from '../../graphql/read/aggregate.js';
import { villageTable } from '../village/village.service.js';
import { Village } from '../village/village.types.js';
import { HouseStatus, HouseUse } from './house.entity.js';
import { houseTable } from './house.service.js';
import { RuralHouseWhere } from './house.types.js';

export enum RuralHouseGroupBy {
  STATUS = 'STATUS',
  CURRENT_USE = 'CURRENT_USE',
  VILLAGE = 'VILLAGE',
  RENOVATED_MONTH = 'RENOVATED_MONTH',
  RENOVATED_QUARTER = 'RENOVATED_QUARTER',
  RENOVATED_YEAR = 'RENOVATED_YEAR',
}
registerEnumType(RuralHouseGroupBy, {
  name: 'RuralHouseGroupBy',
  description: 'Dimensions houses can be grouped by.',
});

export enum RuralHouseGroupOrder {
  KEYS = 'KEYS',
  COUNT = 'COUNT',
  FLOOR_AREA_M2 = 'FLOOR_AREA_M2',
}
registerEnumType(RuralHouseGroupOrder, {
  name: 'RuralHouseGroupOrder',
  description: 'Order of house groups.',
});

const spec: AggregateSpec = {
  groups: {
    STATUS: { key: 'status', expr: 't.status' },
    CURRENT_USE: { key: 'currentUse', expr: 't.current_use' },
    VILLAGE: { key: 'village', expr: 't.village_id', ref: () => villageTable },
    ...dateBuckets('RENOVATED', 'renovated', 'renovated_on'),
  },
  measures: { floorAreaM2: 'floor_area_m2' },
};

@ObjectType({
  description: 'The values of the dimensions a house group was formed by (the others are null).',
})
export class RuralHouseGroupKey {
  @Field(() => HouseStatus, { nullable: true, description: 'Status.' }) status?: HouseStatus;
  @Field(() => HouseUse, { nullable: true, description: 'Use.' }) currentUse?: HouseUse;
  @Field(() => Village, { nullable: true, description: 'Village.' }) village?: unknown;
  @Field(() => String, { nullable: true, description: 'Renovation month.' }) renovatedMonth?: string;
  @Field(() => String, { nullable: true, description: 'Renovation quarter.' }) renovatedQuarter?: string;
  @Field(() => String, { nullable: true, description: 'Renovation year.' }) renovatedYear?: string;
}

@ObjectType({ description: 'Houses of one group.' })
export class RuralHouseGroup {
  @Field(() => String, { description: 'Cursor of this group.' }) cursor: string;
  @Field(() => RuralHouseGroupKey, { description: 'What the houses of this group share.' })
  key: RuralHouseGroupKey;
  @Field(() => Int, { description: 'Houses in the group.' }) count: number;
  @Field(() => DecimalStats, { description: 'Floor areas (m²).' }) floorAreaM2: DecimalStats;
}

@ObjectType({ description: 'A page of house groups.' })
export class RuralHouseGroups extends GroupsOf(RuralHouseGroup, 'RuralHouse') {}

@Resolver()
export class RuralHouseGroupsResolver {
  @Query(() => RuralHouseGroups, {
    description: 'Houses counted per group (status, village, use, renovation period), one SQL statement.',
  })
  ruralHouseGroups(
    @Arg('groupBy', () => [RuralHouseGroupBy], { description: GROUP_ARGS.groupBy })
    groupBy: RuralHouseGroupBy[],
    @Arg('where', () => RuralHouseWhere, { nullable: true, description: GROUP_ARGS.where })
    where: RuralHouseWhere | null,
    @Arg('orderBy', () => RuralHouseGroupOrder, { nullable: true, description: GROUP_ARGS.orderBy })
    orderBy: RuralHouseGroupOrder | null,
    @Arg('first', () => Int, { nullable: true, description: GROUP_ARGS.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: GROUP_ARGS.after }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return groupedFigures(ctx, houseTable, spec, { groupBy, where, orderBy, first, after });
  }
}
