import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { PayloadOf } from '../../graphql/write/inputs.js';
import { InvestmentKind, InvestmentStage } from './investment.entity.js';
import { Investment } from './investment.types.js';

@InputType({ description: 'Capital committed to a project.' })
export class CreateInvestmentInput {
  @Field(() => ID, { description: 'The project.' })
  projectId: string;
  @Field(() => ID, { description: 'The investor (an Organization).' })
  investorId: string;
  @Field(() => ID, { nullable: true, description: 'The talent who drew it (以才引资).' })
  attributedTalentId?: string | null;
  @Field(() => InvestmentKind, {
    nullable: true,
    description: 'INITIAL (default) or ADDITIONAL (增资: the amount is the increase only).',
  })
  kind?: InvestmentKind | null;
  @Field(() => InvestmentStage, { nullable: true, description: 'Stage reached (default PROMOTION).' })
  stage?: InvestmentStage | null;
  @Field(() => DecimalScalar, { description: 'Amount in CNY, more than 0.' })
  amount: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Amount arrived (到资), at most `amount` (default 0).',
  })
  fundedAmount?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Signing date, not in the future.' })
  signedOn?: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the funds arrived, not in the future, not before signing.',
  })
  fundedOn?: string | null;
}

@InputType({
  description: 'Changes to an investment; the stage only moves forward (see correctInvestmentStage).',
})
export class UpdateInvestmentInput {
  @Field(() => ID, { description: 'The investment.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => ID, { nullable: true, description: 'The investor.' })
  investorId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The talent who drew it; null removes the attribution.' })
  attributedTalentId?: string | null;
  @Field(() => InvestmentStage, { nullable: true, description: 'A later stage.' })
  stage?: InvestmentStage | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount.' })
  amount?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount arrived, at most `amount`.' })
  fundedAmount?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Signing date.' })
  signedOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the funds arrived.' })
  fundedOn?: string | null;
}

@InputType({ description: 'An explicit, audited correction of an investment’s stage, backwards if need be.' })
export class CorrectInvestmentStageInput {
  @Field(() => ID, { description: 'The investment.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => InvestmentStage, { description: 'The right stage.' })
  stage: InvestmentStage;
  @Field(() => String, { description: 'Why the stage is corrected (kept in the audit trail).' })
  reason: string;
}

export const InvestmentPayload = PayloadOf(Investment, 'Investment', 'investment');
