import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { GeoPointInput, PayloadOf } from '../../graphql/write/inputs.js';
import { HouseStatus, HouseUse, LeaseMode } from './house.entity.js';
import { Lease, RuralHouse } from './house.types.js';

@InputType({ description: 'A rural house of a village.' })
export class CreateRuralHouseInput {
  @Field(() => ID, { description: 'The village.' })
  villageId: string;
  @Field(() => String, { description: 'Address, unique within the village.' })
  address: string;
  @Field(() => DecimalScalar, { description: 'Floor area in m², more than 0.' })
  floorAreaM2: string;
  @Field(() => HouseStatus, { nullable: true, description: 'Status (default IDLE).' })
  status?: HouseStatus | null;
  @Field(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse?: HouseUse | null;
  @Field(() => String, { nullable: true, description: 'Private: the owner household.' })
  ownerHousehold?: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'When the renovation was completed (not in the future).',
  })
  renovatedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'What was renovated, in Chinese.' })
  renovationNoteZh?: string | null;
  @Field(() => String, { nullable: true, description: 'What was renovated, in English.' })
  renovationNoteEn?: string | null;
  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is.' })
  location?: GeoPointInput | null;
}

@InputType({ description: 'Changes to a house; omitted fields stay, null clears an optional one.' })
export class UpdateRuralHouseInput {
  @Field(() => ID, { description: 'The house.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => String, { nullable: true, description: 'Address.' })
  address?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Floor area in m².' })
  floorAreaM2?: string | null;
  @Field(() => HouseStatus, { nullable: true, description: 'Status.' })
  status?: HouseStatus | null;
  @Field(() => HouseUse, { nullable: true, description: 'Current use.' })
  currentUse?: HouseUse | null;
  @Field(() => String, { nullable: true, description: 'Private: the owner household.' })
  ownerHousehold?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When the renovation was completed.' })
  renovatedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'What was renovated, in Chinese.' })
  renovationNoteZh?: string | null;
  @Field(() => String, { nullable: true, description: 'What was renovated, in English.' })
  renovationNoteEn?: string | null;
  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is; null clears it.' })
  location?: GeoPointInput | null;
}

@InputType({ description: 'A transfer (流转) of a house to a talent, a project or an organisation.' })
export class CreateLeaseInput {
  @Field(() => ID, { description: 'The house.' })
  houseId: string;
  @Field(() => ID, { description: 'Who takes it: the id of a Talent, a Project or an Organization.' })
  tenantId: string;
  @Field(() => LeaseMode, { description: 'How it is transferred.' })
  mode: LeaseMode;
  @Field(() => LocalDateScalar, { description: 'First day.' })
  startsOn: string;
  @Field(() => LocalDateScalar, { description: 'Agreed end: after the start, at most 20 years later.' })
  endsOn: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Yearly rent.' })
  annualRent?: string | null;
}

@InputType({
  description:
    'Corrections to a lease: mode, rent or agreed end (still at most 20 years, never overlapping).',
})
export class UpdateLeaseInput {
  @Field(() => ID, { description: 'The lease.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => LeaseMode, { nullable: true, description: 'How it is transferred.' })
  mode?: LeaseMode | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Agreed end.' })
  endsOn?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Yearly rent; null clears it.' })
  annualRent?: string | null;
}

@InputType({ description: 'Ends a lease early.' })
export class TerminateLeaseInput {
  @Field(() => ID, { description: 'The lease.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => LocalDateScalar, { description: 'Last day: not before the start, not after the agreed end.' })
  terminatedOn: string;
}

export const RuralHousePayload = PayloadOf(RuralHouse, 'RuralHouse', 'ruralHouse');
export const LeasePayload = PayloadOf(Lease, 'Lease', 'lease');
