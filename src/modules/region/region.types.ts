import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { EnumFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { RegionKind } from './region.entity.js';

registerEnumType(RegionKind, { name: 'RegionKind', description: 'Administrative level of a region.' });

/** A city, district or town. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A city, district or town (威海 → 文登 → 大水泊).',
})
export class Region extends VersionedNode {
  @Field(() => String, { description: 'Stable slug, e.g. "dashuibo".' })
  code: string;

  @Field(() => RegionKind, { description: 'Administrative level.' })
  kind: RegionKind;
}

export enum RegionOrderField {
  NAME = 'NAME',
  CODE = 'CODE',
}
registerEnumType(RegionOrderField, { name: 'RegionOrderField', description: 'Sortable fields of regions.' });

const RegionKindFilter = EnumFilter(RegionKind, 'RegionKind');

@InputType({ description: 'Conditions on regions; all given fields must hold.' })
export class RegionWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The region itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Slug.' })
  code?: StringFilter;
  @Field(() => RegionKindFilter, { nullable: true, description: 'Administrative level.' })
  kind?: InstanceType<typeof RegionKindFilter>;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => RegionWhere, { nullable: true, description: 'The parent region matches.' })
  parent?: RegionWhere;
  @Field(() => [RegionWhere], { nullable: true, description: 'All of these hold.' })
  and?: RegionWhere[];
  @Field(() => [RegionWhere], { nullable: true, description: 'Any of these holds.' })
  or?: RegionWhere[];
  @Field(() => RegionWhere, { nullable: true, description: 'This does not hold.' })
  not?: RegionWhere;
}

export const RegionOrder = OrderInput(RegionOrderField, 'Region');
export const RegionListArgs = ListArgsOf(RegionWhere, RegionOrder, 'region');

@ObjectType({ description: 'A page of regions.' })
export class RegionConnection extends ConnectionOf(Region, 'Region') {}
