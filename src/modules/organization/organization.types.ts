import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NAME_ORDER } from '../../data/table.js';
import { BooleanFilter } from '../../graphql/filters.js';
import { enumField, filter, idFilter, listTypes, NAME_WHERE } from '../../graphql/list-types.js';
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

/** What lists of organisations filter and sort by (organization.service.ts's table spec reads it too). */
export const OrganizationList = listTypes(Organization, {
  one: 'organisation',
  many: 'organisations',
  where: {
    id: idFilter('The organisation itself.'),
    kind: enumField(OrganizationKind, 'OrganizationKind', 'Kind.'),
    name: NAME_WHERE,
    isDemo: filter(() => BooleanFilter, 'Demo data or not.'),
    region: filter(() => RegionWhere, 'The region matches.'),
  },
  orderBy: { NAME: NAME_ORDER },
  sortNote: 'NAME sorts by the name in the request language.',
});
export const {
  Where: OrganizationWhere,
  OrderField: OrganizationOrderField,
  Order: OrganizationOrder,
  ListArgs: OrganizationListArgs,
  Connection: OrganizationConnection,
} = OrganizationList;
export type OrganizationWhere = InstanceType<typeof OrganizationWhere>;
