import { ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { InputField, NewNames, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { SlugInput } from '../slug/slug.js';
import { UnionFacility, UnionKind, UnionRole } from './union.entity.js';
import { UnionMembership, UnionOrganization } from './union.types.js';

@InputType({ description: 'A union organisation.' })
export class CreateUnionOrganizationInput extends NewNames {
  @InputField(() => ID, 'The region it is registered in.', { required: true, ref: true })
  regionId: string;
  @InputField(() => UnionKind, 'Kind.', { kind: 'value', required: true })
  kind: UnionKind;
  @InputField(() => ID, 'The organisation it belongs to (a branch’s joint union); null: none.', {
    ref: true,
  })
  parentId?: string | null;
  @InputField(() => LocalDateScalar, 'Founding date, not in the future.', { kind: 'date', notFuture: true })
  foundedOn?: string | null;
  @InputField(() => Boolean, 'Counted among agriculture-related unions (a new one: false unless given).', {
    kind: 'value',
  })
  agricultureRelated?: boolean | null;
  @InputField(() => Int, 'Members as reported, 0 or more.', { kind: 'int', min: 0 })
  reportedMemberCount?: number | null;
  @InputField(() => Int, 'Enterprises covered as reported, 0 or more.', { kind: 'int', min: 0 })
  reportedEnterpriseCount?: number | null;
  @InputField(() => [UnionFacility], 'Facilities run for members; a change replaces the current ones.', {
    kind: 'set',
  })
  facilities?: UnionFacility[] | null;
  @SlugInput()
  slug?: string | null;
}

@InputType({
  description: 'Changes to a union organisation; omitted fields stay, null clears an optional one.',
})
export class UpdateUnionOrganizationInput extends UpdateInputOf(CreateUnionOrganizationInput, ['regionId']) {}

@InputType({ description: 'A talent joining a union organisation.' })
export class AddUnionMemberInput {
  @InputField(() => ID, 'The union organisation.', { required: true, ref: true })
  organizationId: string;
  @InputField(() => ID, 'The talent.', { required: true, ref: true })
  talentId: string;
  @InputField(() => UnionRole, 'Office (a new member: MEMBER unless given).', {
    kind: 'value',
    required: true,
    default: UnionRole.MEMBER,
  })
  role?: UnionRole | null;
  @InputField(() => LocalDateScalar, 'Joining date, not in the future.', { kind: 'date', notFuture: true })
  joinedOn?: string | null;
  @InputField(() => LocalDateScalar, 'Election date for an elected office, not in the future.', {
    kind: 'date',
    notFuture: true,
  })
  electedOn?: string | null;
}

@InputType({ description: 'Changes to a membership.' })
export class UpdateUnionMemberInput extends UpdateInputOf(AddUnionMemberInput, [
  'organizationId',
  'talentId',
]) {}

export const UnionOrganizationPayload = PayloadOf(UnionOrganization, 'UnionOrganization');
export const UnionMembershipPayload = PayloadOf(UnionMembership, 'UnionMembership');
