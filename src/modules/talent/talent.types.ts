import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BooleanFilter, DateFilter, StringFilter } from '../../graphql/filters.js';
import { enumField, filter, idFilter, listTypes } from '../../graphql/list-types.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { RegionWhere } from '../region/region.types.js';
import { Degree, Settlement, TalentTier } from './talent.entity.js';

registerEnumType(Degree, { name: 'Degree', description: 'Highest academic degree.' });
registerEnumType(TalentTier, { name: 'TalentTier', description: 'Tier in the town’s talent programme.' });
registerEnumType(Settlement, {
  name: 'Settlement',
  description:
    'How a talent is settled: RESIDENT 扎根 (lives in the town), FLEXIBLE 柔性 (works with it from elsewhere), DEPARTED (left).',
});

/** Private contact details of a talent. */
@ObjectType({ description: 'Private contact details; never returned to anonymous callers.' })
export class TalentContact {
  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;
}

/** A high-level talent. Only talents who consented to a public profile are listed to the public. */
@ObjectType({
  implements: [Node, VersionedNode],
  description:
    'A high-level talent attracted to a town. Anonymous callers see only talents who consented to a public profile, and only their public fields.',
})
export class Talent extends VersionedNode {
  @Field(() => String, { description: 'Public display name.' })
  displayName: string;

  @Field(() => Degree, { nullable: true, description: 'Highest degree.' })
  degree?: Degree | null;

  @Field(() => String, { nullable: true, description: 'Title or qualification, e.g. 清华大学建筑学博士.' })
  title?: string | null;

  @Field(() => TalentTier, { nullable: true, description: 'Tier in the talent programme.' })
  tier?: TalentTier | null;

  @Field(() => String, { nullable: true, description: 'Field of expertise, e.g. architecture.' })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'City the talent came from, e.g. 北京.' })
  originCity?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of arrival in the town.' })
  arrivedOn?: string | null;

  @Field(() => Settlement, { description: 'Resident, flexible or departed.' })
  settlement: Settlement;

  @Field(() => Boolean, { description: 'A generated person of the demo dataset, not a real one.' })
  isDemo: boolean;
}

/** What lists of talents filter and sort by (talent.service.ts's table spec reads it too). */
export const TalentList = listTypes(Talent, {
  one: 'talent',
  many: 'talents',
  whereNote: 'Public fields only.',
  where: {
    id: idFilter('The talent itself.'),
    displayName: filter(() => StringFilter, 'Display name.'),
    settlement: enumField(Settlement, 'Settlement', 'Settlement.'),
    degree: enumField(Degree, 'Degree', 'Degree.'),
    tier: enumField(TalentTier, 'TalentTier', 'Tier.'),
    field: filter(() => StringFilter, 'Field of expertise.'),
    arrivedOn: filter(() => DateFilter, 'Arrival date.'),
    isDemo: filter(() => BooleanFilter, 'Demo data or not.'),
    town: filter(() => RegionWhere, 'The town matches.'),
    affiliation: filter(() => OrganizationWhere, 'The affiliation matches.'),
  },
  orderBy: { DISPLAY_NAME: 'displayName', ARRIVED_ON: 'arrivedOn' },
});
export const {
  Where: TalentWhere,
  OrderField: TalentOrderField,
  Order: TalentOrder,
  ListArgs: TalentListArgs,
  Connection: TalentConnection,
} = TalentList;
export type TalentWhere = InstanceType<typeof TalentWhere>;
