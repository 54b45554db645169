import { UserErrorCode } from '../../graphql/payload.js';
import { checkText } from '../../graphql/write/inputs.js';
import type { Writer } from '../../graphql/write/mutation.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Investment, InvestmentKind, InvestmentStage } from './investment.entity.js';
import { COMMITTED_STAGES } from './investment.figures.js';
import { type CorrectInvestmentStageInput, CreateInvestmentInput } from './investment.inputs.js';
import { investmentTable } from './investment.service.js';

const STAGES = Object.values(InvestmentStage);

/** An added investment (增资) follows a signed initial investment of the same project. */
async function checkAdditional(w: Writer, investment: Investment) {
  if (investment.kind !== InvestmentKind.ADDITIONAL) return;
  const initial = await w.tx.count(Investment, {
    project: investment.project,
    kind: InvestmentKind.INITIAL,
    stage: { $in: COMMITTED_STAGES as InvestmentStage[] },
    archivedAt: null,
  });
  if (!initial)
    w.fail(
      ['input', 'kind'],
      UserErrorCode.RULE_BROKEN,
      'An added investment (增资) needs a signed initial investment of the project',
    );
}

/** The stage of a new investment, or a change of it: only forward (corrections: correctStage). */
function setStage(
  w: Writer,
  investment: Investment,
  stage: InvestmentStage | null | undefined,
  creating: boolean,
) {
  if (creating) investment.stage = stage ?? InvestmentStage.PROMOTION;
  else if (stage) {
    if (STAGES.indexOf(stage) < STAGES.indexOf(investment.stage)) {
      w.fail(
        ['input', 'stage'],
        UserErrorCode.RULE_BROKEN,
        `The stage only moves forward (it is ${investment.stage}); use correctInvestmentStage to correct it`,
      );
    }
    investment.stage = stage;
  }
}

/** Writes of investments: the stage only moves forward along 推介 → 在谈 → 签约 → 开工 → 到资 → 投产. */
const investments = defineWrites({
  entity: Investment,
  table: investmentTable,
  owner: ['project', 'town'],
  input: CreateInvestmentInput,
  // Rules that hold whatever changed: funded at most the amount, funds not before signing.
  async validate(w, investment, input, { creating }) {
    if (creating) await checkAdditional(w, investment);
    setStage(w, investment, input.stage as InvestmentStage | null | undefined, creating);
    if (Number(investment.fundedAmount) > Number(investment.amount)) {
      w.fail(
        ['input', 'fundedAmount'],
        UserErrorCode.RULE_BROKEN,
        'The funded amount cannot exceed the amount',
      );
    }
    if (investment.fundedOn && investment.signedOn && investment.fundedOn < investment.signedOn) {
      w.fail(['input', 'fundedOn'], UserErrorCode.INVALID, 'Funds cannot arrive before the signing');
    }
  },
});

export const investmentWrites = {
  ...investments,

  /** Sets the stage back or forward, with the reason, as its own audit entry. */
  correctStage: investments.change(
    'correctInvestmentStage',
    (w, investment, input: CorrectInvestmentStageInput, regionId) => {
      const reason = checkText(w, ['input', 'reason'], input.reason, { required: true, max: 1000 });
      w.check();
      w.record('correctInvestmentStage', 'Investment', investment.id, regionId, {
        stage: { before: investment.stage, after: input.stage },
        reason: { before: null, after: reason },
      });
      investment.stage = input.stage;
    },
    { track: false },
  ),
};
