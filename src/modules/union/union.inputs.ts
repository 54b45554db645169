import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { NameChanges, NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { UnionFacility, UnionKind, UnionRole } from './union.entity.js';
import { UnionMembership, UnionOrganization } from './union.types.js';

@InputType({ description: 'A union organisation.' })
export class CreateUnionOrganizationInput extends NewNames {
  @Field(() => ID, { description: 'The region it is registered in.' })
  regionId: string;
  @Field(() => UnionKind, { description: 'Kind.' })
  kind: UnionKind;
  @Field(() => ID, {
    nullable: true,
    description: 'The organisation it belongs to (a branch’s joint union).',
  })
  parentId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Founding date, not in the future.' })
  foundedOn?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Counted among agriculture-related unions (default false).',
  })
  agricultureRelated?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Members as reported, 0 or more.' })
  reportedMemberCount?: number | null;
  @Field(() => Int, { nullable: true, description: 'Enterprises covered as reported, 0 or more.' })
  reportedEnterpriseCount?: number | null;
  @Field(() => [UnionFacility], { nullable: true, description: 'Facilities run for members.' })
  facilities?: UnionFacility[] | null;
}

@InputType({
  description: 'Changes to a union organisation; omitted fields stay, null clears an optional one.',
})
export class UpdateUnionOrganizationInput extends NameChanges {
  @Field(() => ID, { description: 'The organisation.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => UnionKind, { nullable: true, description: 'Kind.' })
  kind?: UnionKind | null;
  @Field(() => ID, { nullable: true, description: 'The parent organisation; null: none.' })
  parentId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Founding date.' })
  foundedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Agriculture-related.' })
  agricultureRelated?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Members as reported.' })
  reportedMemberCount?: number | null;
  @Field(() => Int, { nullable: true, description: 'Enterprises covered as reported.' })
  reportedEnterpriseCount?: number | null;
  @Field(() => [UnionFacility], { nullable: true, description: 'Facilities, replacing the current ones.' })
  facilities?: UnionFacility[] | null;
}

@InputType({ description: 'A talent joining a union organisation.' })
export class AddUnionMemberInput {
  @Field(() => ID, { description: 'The union organisation.' })
  organizationId: string;
  @Field(() => ID, { description: 'The talent.' })
  talentId: string;
  @Field(() => UnionRole, { nullable: true, description: 'Office (default MEMBER).' })
  role?: UnionRole | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Joining date, not in the future.' })
  joinedOn?: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Election date for an elected office, not in the future.',
  })
  electedOn?: string | null;
}

@InputType({ description: 'Changes to a membership.' })
export class UpdateUnionMemberInput {
  @Field(() => ID, { description: 'The membership.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => UnionRole, { nullable: true, description: 'Office.' })
  role?: UnionRole | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Joining date.' })
  joinedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Election date.' })
  electedOn?: string | null;
}

export const UnionOrganizationPayload = PayloadOf(
  UnionOrganization,
  'UnionOrganization',
  'unionOrganization',
);
export const UnionMembershipPayload = PayloadOf(UnionMembership, 'UnionMembership', 'unionMembership');
