import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { InputField, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { Degree, Settlement, TalentTier } from './talent.entity.js';
import { Talent } from './talent.types.js';

@InputType({ description: 'A talent of a town. Full name, phone and e-mail are private.' })
export class CreateTalentInput {
  @InputField(() => ID, 'The town (a Region).', { required: true, ref: true })
  townId: string;
  @InputField(() => String, 'Public display name.', { kind: 'text', required: true, max: 100 })
  displayName: string;
  @InputField(() => String, 'Private: full legal name.', { kind: 'text', required: true, max: 100 })
  fullName: string;
  @InputField(() => Settlement, 'Resident, flexible or departed.', { kind: 'value', required: true })
  settlement: Settlement;
  @InputField(
    () => String,
    'Private: phone, checked as a phone number (without a country code: a Chinese one) and stored in E.164, e.g. +8613800138000.',
    { kind: 'phone', max: 40 },
  )
  phone?: string | null;
  @InputField(() => String, 'Private: e-mail.', { kind: 'email', max: 200 })
  email?: string | null;
  @InputField(() => String, 'Public biography in Chinese.', { kind: 'text', max: 4000 })
  bioZh?: string | null;
  @InputField(() => String, 'Public biography in English.', { kind: 'text', max: 4000 })
  bioEn?: string | null;
  @InputField(() => Degree, 'Highest degree.', { kind: 'value' })
  degree?: Degree | null;
  @InputField(() => String, 'Title or qualification in Chinese.', { kind: 'text', max: 200 })
  title?: string | null;
  @InputField(() => String, 'Title or qualification in English.', { kind: 'text', max: 200 })
  titleEn?: string | null;
  @InputField(() => TalentTier, 'Tier.', { kind: 'value' })
  tier?: TalentTier | null;
  @InputField(() => String, 'Field of expertise in Chinese.', { kind: 'text', max: 100 })
  field?: string | null;
  @InputField(() => String, 'Field of expertise in English.', { kind: 'text', max: 100 })
  fieldEn?: string | null;
  @InputField(() => ID, 'Affiliation (an Organization); null removes it.', { ref: true })
  affiliationId?: string | null;
  @InputField(() => String, 'City of origin.', { kind: 'text', max: 100 })
  originCity?: string | null;
  @InputField(() => LocalDateScalar, 'Arrival date, not in the future.', { kind: 'date', notFuture: true })
  arrivedOn?: string | null;
  @InputField(() => Boolean, 'Consents to a public profile (a new talent: false unless given).', {
    kind: 'value',
  })
  publicProfile?: boolean | null;
  @InputField(() => Boolean, 'Consents to be contacted by partners (a new talent: false unless given).', {
    kind: 'value',
  })
  contactConsent?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Records the talent even though one of the same display or full name exists in the town (without it: a DUPLICATE userError naming that talent, and nothing written).',
  })
  confirmDuplicate?: boolean | null;
}

@InputType({ description: 'Changes to a talent; omitted fields stay, null clears an optional one.' })
export class UpdateTalentInput extends UpdateInputOf(CreateTalentInput, ['confirmDuplicate']) {}

export const TalentPayload = PayloadOf(Talent, 'Talent');
