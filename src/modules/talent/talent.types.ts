import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { BooleanFilter, DateFilter, EnumFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
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

export enum TalentOrderField {
  DISPLAY_NAME = 'DISPLAY_NAME',
  ARRIVED_ON = 'ARRIVED_ON',
}
registerEnumType(TalentOrderField, { name: 'TalentOrderField', description: 'Sortable fields of talents.' });

const SettlementFilter = EnumFilter(Settlement, 'Settlement');
const DegreeFilter = EnumFilter(Degree, 'Degree');
const TalentTierFilter = EnumFilter(TalentTier, 'TalentTier');

@InputType({ description: 'Conditions on talents (public fields only); all given fields must hold.' })
export class TalentWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The talent itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Display name.' })
  displayName?: StringFilter;
  @Field(() => SettlementFilter, { nullable: true, description: 'Settlement.' })
  settlement?: InstanceType<typeof SettlementFilter>;
  @Field(() => DegreeFilter, { nullable: true, description: 'Degree.' })
  degree?: InstanceType<typeof DegreeFilter>;
  @Field(() => TalentTierFilter, { nullable: true, description: 'Tier.' })
  tier?: InstanceType<typeof TalentTierFilter>;
  @Field(() => StringFilter, { nullable: true, description: 'Field of expertise.' })
  field?: StringFilter;
  @Field(() => DateFilter, { nullable: true, description: 'Arrival date.' })
  arrivedOn?: InstanceType<typeof DateFilter>;
  @Field(() => BooleanFilter, { nullable: true, description: 'Demo data or not.' })
  isDemo?: BooleanFilter;
  @Field(() => RegionWhere, { nullable: true, description: 'The town matches.' })
  town?: RegionWhere;
  @Field(() => OrganizationWhere, { nullable: true, description: 'The affiliation matches.' })
  affiliation?: OrganizationWhere;
  @Field(() => [TalentWhere], { nullable: true, description: 'All of these hold.' })
  and?: TalentWhere[];
  @Field(() => [TalentWhere], { nullable: true, description: 'Any of these holds.' })
  or?: TalentWhere[];
  @Field(() => TalentWhere, { nullable: true, description: 'This does not hold.' })
  not?: TalentWhere;
}

export const TalentOrder = OrderInput(TalentOrderField, 'Talent');
export const TalentListArgs = ListArgsOf(TalentWhere, TalentOrder, 'talent');

@ObjectType({ description: 'A page of talents.' })
export class TalentConnection extends ConnectionOf(Talent, 'Talent') {}
