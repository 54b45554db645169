import { ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import {
  GeoPointInput,
  InputField,
  PayloadOf,
  UpdateInputOf,
  VersionedRef,
} from '../../graphql/write/inputs.js';
import { HouseStatus, HouseUse, LeaseMode } from './house.entity.js';
import { Lease, RuralHouse } from './house.types.js';

@InputType({ description: 'A rural house of a village.' })
export class CreateRuralHouseInput {
  @InputField(() => ID, 'The village.', { required: true, ref: true })
  villageId: string;
  @InputField(() => String, 'Address in Chinese, unique within the village.', {
    kind: 'text',
    required: true,
    max: 200,
  })
  address: string;
  @InputField(() => String, 'Address in English, unique within the village; null clears it.', {
    kind: 'text',
    max: 200,
  })
  addressEn?: string | null;
  // numeric(8, 2)
  @InputField(() => DecimalScalar, 'Floor area in m², more than 0.', {
    kind: 'decimal',
    required: true,
    positive: true,
    digits: 6,
  })
  floorAreaM2: string;
  @InputField(() => HouseStatus, 'Status (a new house: IDLE unless given).', {
    kind: 'value',
    required: true,
    default: HouseStatus.IDLE,
  })
  status?: HouseStatus | null;
  @InputField(() => HouseUse, 'Current use.', { kind: 'value' })
  currentUse?: HouseUse | null;
  @InputField(() => String, 'Private: the owner household.', { kind: 'text', max: 200 })
  ownerHousehold?: string | null;
  @InputField(() => LocalDateScalar, 'When the renovation was completed (not in the future).', {
    kind: 'date',
    notFuture: true,
  })
  renovatedOn?: string | null;
  @InputField(() => String, 'What was renovated, in Chinese.', { kind: 'text', max: 4000 })
  renovationNoteZh?: string | null;
  @InputField(() => String, 'What was renovated, in English.', { kind: 'text', max: 4000 })
  renovationNoteEn?: string | null;
  @InputField(() => GeoPointInput, 'Where it is; null clears it.')
  location?: GeoPointInput | null;
}

@InputType({ description: 'Changes to a house; omitted fields stay, null clears an optional one.' })
export class UpdateRuralHouseInput extends UpdateInputOf(CreateRuralHouseInput, ['villageId']) {}

@InputType({ description: 'A transfer (流转) of a house to a talent, a project or an organisation.' })
export class CreateLeaseInput {
  @InputField(() => ID, 'The house.', { required: true, ref: true })
  houseId: string;
  @InputField(() => ID, 'Who takes it: the id of a Talent, a Project or an Organization.', { required: true })
  tenantId: string;
  @InputField(() => LeaseMode, 'How it is transferred.', { kind: 'value', required: true })
  mode: LeaseMode;
  @InputField(() => LocalDateScalar, 'First day.', { kind: 'date', required: true })
  startsOn: string;
  @InputField(() => LocalDateScalar, 'Agreed end: after the start, at most 20 years later.', {
    kind: 'date',
    required: true,
  })
  endsOn: string;
  // numeric(12, 2)
  @InputField(() => DecimalScalar, 'Yearly rent; null clears it.', { kind: 'decimal', digits: 10 })
  annualRent?: string | null;
}

@InputType({
  description:
    'Corrections to a lease: mode, rent or agreed end (still at most 20 years, never overlapping).',
})
export class UpdateLeaseInput extends UpdateInputOf(CreateLeaseInput, ['houseId', 'tenantId', 'startsOn']) {}

@InputType({ description: 'Ends a lease early.' })
export class TerminateLeaseInput extends VersionedRef {
  @InputField(() => LocalDateScalar, 'Last day: not before the start, not after the agreed end.', {
    required: true,
  })
  terminatedOn: string;
}

export const RuralHousePayload = PayloadOf(RuralHouse, 'RuralHouse');
export const LeasePayload = PayloadOf(Lease, 'Lease');
