import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { archiveObject } from '../../graphql/write/crud.js';
import { type ArchiveInput, applyFields, checkText, type FieldRule } from '../../graphql/write/inputs.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Investment, InvestmentKind, InvestmentStage } from './investment.entity.js';
import { COMMITTED_STAGES } from './investment.figures.js';
import type {
  CorrectInvestmentStageInput,
  CreateInvestmentInput,
  UpdateInvestmentInput,
} from './investment.inputs.js';
import { investmentTable } from './investment.service.js';

const STAGES = Object.values(InvestmentStage);
const REGION_OF_PROJECT = 'select town_id as r from project where id = ?';
const REGION_OF_INVESTMENT =
  'select p.town_id as r from investment i join project p on p.id = i.project_id where i.id = ?';

const FIELDS: Record<string, FieldRule> = {
  amount: { kind: 'decimal', required: true, positive: true, digits: 14 }, // numeric(16, 2)
  fundedAmount: { kind: 'decimal', required: true, digits: 14 },
  signedOn: { kind: 'date', notFuture: true },
  fundedOn: { kind: 'date', notFuture: true },
};

/** An active object of `entity` the caller may read, named by a global id of `type`, or a user error on `field`. */
async function find<T extends { archivedAt?: Date }>(
  w: Writer,
  entity: new () => T,
  type: string,
  field: string,
  id: string,
) {
  const pk = w.id(['input', field], id, type);
  const found = pk ? await w.findReadable(entity, pk) : null;
  if (pk && (!found || found.archivedAt))
    w.fail(['input', field], UserErrorCode.NOT_FOUND, `No ${type} with id ${id}`);
  return found ?? undefined;
}

/** Rules that hold whatever changed: funded at most the amount, funds not before signing. */
function checkRules(w: Writer, investment: Investment) {
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
}

/** Writes of investments: the stage only moves forward along 推介 → 在谈 → 签约 → 开工 → 到资 → 投产. */
export const investmentWrites = {
  /** The create of one object inside a caller's transaction (also used by imports). */
  async createWork(w: Writer, input: CreateInvestmentInput) {
    const project = await find(w, Project, 'Project', 'projectId', input.projectId);
    const investor = await find(w, Organization, 'Organization', 'investorId', input.investorId);
    const talent = input.attributedTalentId
      ? await find(w, Talent, 'Talent', 'attributedTalentId', input.attributedTalentId)
      : undefined;
    w.check();
    const regionId = await w.regionBy(REGION_OF_PROJECT, project!.id);
    w.authorize(regionId, 'investments in this project');
    const kind = input.kind ?? InvestmentKind.INITIAL;
    if (kind === InvestmentKind.ADDITIONAL) {
      const initial = await w.tx.count(Investment, {
        project: project!,
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
    const investment = w.tx.create(Investment, {
      project: project!,
      investor: investor!,
      attributedTalent: talent,
      kind,
      stage: input.stage ?? InvestmentStage.PROMOTION,
      amount: input.amount,
    });
    applyFields(w, investment, { fundedAmount: '0', ...input } as never, FIELDS, true);
    checkRules(w, investment);
    w.track('createInvestment', 'Investment', investment, regionId, true);
    return investment;
  },

  create: (ctx: Context, input: CreateInvestmentInput) =>
    mutate(ctx, investmentTable, (w) => investmentWrites.createWork(w, input)),

  /** The update of one object inside a caller's transaction (also used by imports). */
  async updateWork(w: Writer, input: UpdateInvestmentInput) {
    const investment = await w.load(Investment, 'Investment', input);
    const regionId = await w.regionBy(REGION_OF_INVESTMENT, investment.id);
    w.authorize(regionId, 'this investment');
    w.track('updateInvestment', 'Investment', investment, regionId);
    if (input.stage) {
      if (STAGES.indexOf(input.stage) < STAGES.indexOf(investment.stage)) {
        w.fail(
          ['input', 'stage'],
          UserErrorCode.RULE_BROKEN,
          `The stage only moves forward (it is ${investment.stage}); use correctInvestmentStage to correct it`,
        );
      }
      investment.stage = input.stage;
    }
    if (input.investorId)
      investment.investor = (await find(w, Organization, 'Organization', 'investorId', input.investorId))!;
    if (input.attributedTalentId !== undefined) {
      investment.attributedTalent = input.attributedTalentId
        ? await find(w, Talent, 'Talent', 'attributedTalentId', input.attributedTalentId)
        : undefined;
    }
    applyFields(w, investment, input as never, FIELDS, false);
    checkRules(w, investment);
    return investment;
  },

  update: (ctx: Context, input: UpdateInvestmentInput) =>
    mutate(ctx, investmentTable, (w) => investmentWrites.updateWork(w, input)),

  correctStage: (ctx: Context, input: CorrectInvestmentStageInput) =>
    mutate(ctx, investmentTable, async (w) => {
      const investment = await w.load(Investment, 'Investment', input);
      const regionId = await w.regionBy(REGION_OF_INVESTMENT, investment.id);
      w.authorize(regionId, 'this investment');
      const reason = checkText(w, ['input', 'reason'], input.reason, { required: true, max: 1000 });
      w.check();
      w.record('correctInvestmentStage', 'Investment', investment.id, regionId, {
        stage: { before: investment.stage, after: input.stage },
        reason: { before: null, after: reason },
      });
      investment.stage = input.stage;
      return investment;
    }),

  archive: (ctx: Context, input: ArchiveInput) =>
    archiveObject(
      ctx,
      { entity: Investment, type: 'Investment', table: investmentTable, regionOf: REGION_OF_INVESTMENT },
      input,
    ),
};
