import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { BooleanFilter, IDFilter, NearFilter, StringFilter } from '../../graphql/filters.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { RegionWhere } from '../region/region.types.js';
import { ThemeRelationFilter } from '../theme/theme.types.js';

/** A village of a town. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A village of a town; specialty villages carry one or more themes.',
})
export class Village extends VersionedNode {
  @Field(() => Boolean, { description: 'A themed specialty village (特色村).' })
  isSpecialty: boolean;

  @Field(() => [String], { description: 'Photo URLs.' })
  photos: string[];
}

export enum VillageOrderField {
  DISTANCE = 'DISTANCE',
  NAME = 'NAME',
}
registerEnumType(VillageOrderField, {
  name: 'VillageOrderField',
  description:
    'Sortable fields of villages. NAME sorts by the name in the request language (Accept-Language).',
});

@InputType({ description: 'Conditions on villages; all given fields must hold.' })
export class VillageWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The village itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Specialty village or not.' })
  isSpecialty?: BooleanFilter;
  @Field(() => RegionWhere, { nullable: true, description: 'The town matches.' })
  town?: RegionWhere;
  @Field(() => ThemeRelationFilter, { nullable: true, description: 'Conditions on the village’s themes.' })
  themes?: ThemeRelationFilter;
  @Field(() => NearFilter, {
    nullable: true,
    description: 'Within a distance of a point (needs coordinates).',
  })
  near?: NearFilter;
  @Field(() => [VillageWhere], { nullable: true, description: 'All of these hold.' })
  and?: VillageWhere[];
  @Field(() => [VillageWhere], { nullable: true, description: 'Any of these holds.' })
  or?: VillageWhere[];
  @Field(() => VillageWhere, { nullable: true, description: 'This does not hold.' })
  not?: VillageWhere;
}

export const VillageOrder = OrderInput(VillageOrderField, 'Village');
export const VillageListArgs = ListArgsOf(VillageWhere, VillageOrder, 'village');

@ObjectType({ description: 'A page of villages.' })
export class VillageConnection extends ConnectionOf(Village, 'Village') {}
