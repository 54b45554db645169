import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { BooleanFilter, EnumFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { RegionWhere } from '../region/region.types.js';
import { OrganizationKind } from './organization.entity.js';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organisation is.',
});

/** A university, company, fund, co-operative or public body. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A university, company, fund, co-operative or public body.',
})
export class Organization extends VersionedNode {
  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Web site.' })
  website?: string | null;

  @Field(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
  isDemo: boolean;
}

export enum OrganizationOrderField {
  NAME = 'NAME',
}
registerEnumType(OrganizationOrderField, {
  name: 'OrganizationOrderField',
  description: 'Sortable fields of organisations. NAME sorts by the name in the request language.',
});

const OrganizationKindFilter = EnumFilter(OrganizationKind, 'OrganizationKind');

@InputType({ description: 'Conditions on organisations; all given fields must hold.' })
export class OrganizationWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The organisation itself.' })
  id?: IDFilter;
  @Field(() => OrganizationKindFilter, { nullable: true, description: 'Kind.' })
  kind?: InstanceType<typeof OrganizationKindFilter>;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Demo data or not.' })
  isDemo?: BooleanFilter;
  @Field(() => RegionWhere, { nullable: true, description: 'The region matches.' })
  region?: RegionWhere;
  @Field(() => [OrganizationWhere], { nullable: true, description: 'All of these hold.' })
  and?: OrganizationWhere[];
  @Field(() => [OrganizationWhere], { nullable: true, description: 'Any of these holds.' })
  or?: OrganizationWhere[];
  @Field(() => OrganizationWhere, { nullable: true, description: 'This does not hold.' })
  not?: OrganizationWhere;
}

export const OrganizationOrder = OrderInput(OrganizationOrderField, 'Organization');
export const OrganizationListArgs = ListArgsOf(OrganizationWhere, OrganizationOrder, 'organisation');

@ObjectType({ description: 'A page of organisations.' })
export class OrganizationConnection extends ConnectionOf(Organization, 'Organization') {}
