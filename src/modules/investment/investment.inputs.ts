import { ID, InputType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { InputField, PayloadOf, UpdateInputOf, VersionedRef } from '../../graphql/write/inputs.js';
import { InvestmentKind, InvestmentStage } from './investment.entity.js';
import { Investment } from './investment.types.js';

@InputType({ description: 'Capital committed to a project.' })
export class CreateInvestmentInput {
  @InputField(() => ID, 'The project.', { required: true, ref: true })
  projectId: string;
  @InputField(() => ID, 'The investor (an Organization).', { required: true, ref: true })
  investorId: string;
  @InputField(() => ID, 'The talent who drew it (以才引资); null removes the attribution.', { ref: true })
  attributedTalentId?: string | null;
  @InputField(
    () => InvestmentKind,
    'INITIAL (default) or ADDITIONAL (增资: the amount is the increase only).',
    {
      kind: 'value',
    },
  )
  kind?: InvestmentKind | null;
  @InputField(
    () => InvestmentStage,
    'Stage reached (a new investment: PROMOTION unless given); a change only moves it forward.',
  )
  stage?: InvestmentStage | null;
  // numeric(16, 2)
  @InputField(() => DecimalScalar, 'Amount in CNY, more than 0.', {
    kind: 'decimal',
    required: true,
    positive: true,
    digits: 14,
  })
  amount: string;
  @InputField(
    () => DecimalScalar,
    'Amount arrived (到资), at most `amount` (a new investment: 0 unless given).',
    {
      kind: 'decimal',
      required: true,
      digits: 14,
      default: '0',
    },
  )
  fundedAmount?: string | null;
  @InputField(() => LocalDateScalar, 'Signing date, not in the future.', { kind: 'date', notFuture: true })
  signedOn?: string | null;
  @InputField(() => LocalDateScalar, 'Date the funds arrived, not in the future, not before signing.', {
    kind: 'date',
    notFuture: true,
  })
  fundedOn?: string | null;
}

@InputType({
  description: 'Changes to an investment; the stage only moves forward (see correctInvestmentStage).',
})
export class UpdateInvestmentInput extends UpdateInputOf(CreateInvestmentInput, ['projectId', 'kind']) {}

@InputType({ description: 'An explicit, audited correction of an investment’s stage, backwards if need be.' })
export class CorrectInvestmentStageInput extends VersionedRef {
  @InputField(() => InvestmentStage, 'The right stage.', { required: true })
  stage: InvestmentStage;
  @InputField(() => String, 'Why the stage is corrected (kept in the audit trail).', { required: true })
  reason: string;
}

export const InvestmentPayload = PayloadOf(Investment, 'Investment');
