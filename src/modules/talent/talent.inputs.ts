import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { PayloadOf } from '../../graphql/write/inputs.js';
import { Degree, Settlement, TalentTier } from './talent.entity.js';
import { Talent } from './talent.types.js';

@InputType({ description: 'A talent of a town. Full name, phone and e-mail are private.' })
export class CreateTalentInput {
  @Field(() => ID, { description: 'The town (a Region).' })
  townId: string;
  @Field(() => String, { description: 'Public display name.' })
  displayName: string;
  @Field(() => String, { description: 'Private: full legal name.' })
  fullName: string;
  @Field(() => Settlement, { description: 'Resident, flexible or departed.' })
  settlement: Settlement;
  @Field(() => String, { nullable: true, description: 'Private: phone.' })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Private: e-mail.' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Public biography in Chinese.' })
  bioZh?: string | null;
  @Field(() => String, { nullable: true, description: 'Public biography in English.' })
  bioEn?: string | null;
  @Field(() => Degree, { nullable: true, description: 'Highest degree.' })
  degree?: Degree | null;
  @Field(() => String, { nullable: true, description: 'Title or qualification.' })
  title?: string | null;
  @Field(() => TalentTier, { nullable: true, description: 'Tier.' })
  tier?: TalentTier | null;
  @Field(() => String, { nullable: true, description: 'Field of expertise.' })
  field?: string | null;
  @Field(() => ID, { nullable: true, description: 'Affiliation (an Organization).' })
  affiliationId?: string | null;
  @Field(() => String, { nullable: true, description: 'City of origin.' })
  originCity?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Arrival date, not in the future.' })
  arrivedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Consents to a public profile (default false).' })
  publicProfile?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Consents to be contacted by partners (default false).',
  })
  contactConsent?: boolean | null;
}

@InputType({ description: 'Changes to a talent; omitted fields stay, null clears an optional one.' })
export class UpdateTalentInput {
  @Field(() => ID, { description: 'The talent.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => ID, { nullable: true, description: 'The town.' })
  townId?: string | null;
  @Field(() => String, { nullable: true, description: 'Public display name.' })
  displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'Private: full legal name.' })
  fullName?: string | null;
  @Field(() => Settlement, { nullable: true, description: 'Settlement.' })
  settlement?: Settlement | null;
  @Field(() => String, { nullable: true, description: 'Private: phone.' })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Private: e-mail.' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Public biography in Chinese.' })
  bioZh?: string | null;
  @Field(() => String, { nullable: true, description: 'Public biography in English.' })
  bioEn?: string | null;
  @Field(() => Degree, { nullable: true, description: 'Highest degree.' })
  degree?: Degree | null;
  @Field(() => String, { nullable: true, description: 'Title or qualification.' })
  title?: string | null;
  @Field(() => TalentTier, { nullable: true, description: 'Tier.' })
  tier?: TalentTier | null;
  @Field(() => String, { nullable: true, description: 'Field of expertise.' })
  field?: string | null;
  @Field(() => ID, { nullable: true, description: 'Affiliation; null removes it.' })
  affiliationId?: string | null;
  @Field(() => String, { nullable: true, description: 'City of origin.' })
  originCity?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Arrival date.' })
  arrivedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Consents to a public profile.' })
  publicProfile?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Consents to be contacted by partners.' })
  contactConsent?: boolean | null;
}

export const TalentPayload = PayloadOf(Talent, 'Talent', 'talent');
