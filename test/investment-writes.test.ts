import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
let token: string;
let investorId: string;
let talentId: string;

const CREATE = `mutation($input: CreateInvestmentInput!) { createInvestment(input: $input) { investment { id version stage kind amount { amount } fundedAmount { amount } attributedTo { id } } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateInvestmentInput!) { updateInvestment(input: $input) { investment { version stage fundedAmount { amount } } userErrors { field code message } } }`;
const CORRECT = `mutation($input: CorrectInvestmentStageInput!) { correctInvestmentStage(input: $input) { investment { version stage } userErrors { field code } } }`;

async function newProject() {
  const [row] = await api.sql(
    "insert into project (town_id, kind, status, name_zh, name_en) select id, 'STUDIO', 'PLANNED', 'Invest ' || gen_random_uuid(), 'Invest' from region where code = 'dashuibo' returning id",
  );
  return Buffer.from(`Project:${row.id}`).toString('base64url');
}

beforeAll(async () => {
  token = await tokenFor(api, 'investment-official', Role.OFFICIAL, 'dashuibo');
  investorId = ok(
    await api.run('{ organizations(first: 1, where: { kind: { eq: COMPANY } }) { nodes { id } } }'),
  ).organizations.nodes[0].id;
  talentId = ok(await api.run('{ talents(first: 1) { nodes { id } } }')).talents.nodes[0].id;
});

describe('investments', () => {
  it('records an investment attributed to a talent, and counts it in the project total once signed', async () => {
    const projectId = await newProject();
    const created = ok(
      await api.run(
        CREATE,
        {
          input: {
            projectId,
            investorId,
            attributedTalentId: talentId,
            amount: '2500000.50',
            stage: 'SIGNED',
            signedOn: '2024-03-01',
          },
        },
        { token },
      ),
    ).createInvestment;
    expect(created.userErrors).toEqual([]);
    expect(created.investment).toMatchObject({
      stage: 'SIGNED',
      kind: 'INITIAL',
      amount: { amount: '2500000.50' },
      fundedAmount: { amount: '0.00' },
      attributedTo: { id: talentId },
    });
    const total = ok(
      await api.run('query($id: ID!) { node(id: $id) { ... on Project { totalInvestment { amount } } } }', {
        id: projectId,
      }),
    ).node;
    expect(total.totalInvestment.amount).toBe('2500000.50');
  });

  it('moves the stage only forward; a correction backwards is explicit and audited with its reason', async () => {
    const projectId = await newProject();
    const inv = ok(
      await api.run(CREATE, { input: { projectId, investorId, amount: '100', stage: 'SIGNED' } }, { token }),
    ).createInvestment.investment;
    const forward = ok(
      await api.run(
        UPDATE,
        { input: { id: inv.id, version: 1, stage: 'FUNDED', fundedAmount: '100' } },
        { token },
      ),
    ).updateInvestment;
    expect(forward.investment).toEqual({ version: 2, stage: 'FUNDED', fundedAmount: { amount: '100.00' } });
    const back = ok(
      await api.run(UPDATE, { input: { id: inv.id, version: 2, stage: 'NEGOTIATION' } }, { token }),
    ).updateInvestment;
    expect(back.userErrors[0]).toMatchObject({ field: ['input', 'stage'], code: 'RULE_BROKEN' });
    const corrected = ok(
      await api.run(
        CORRECT,
        { input: { id: inv.id, version: 2, stage: 'NEGOTIATION', reason: '合同尚未签署' } },
        { token },
      ),
    ).correctInvestmentStage;
    expect(corrected.investment).toEqual({ version: 3, stage: 'NEGOTIATION' });
    const [audit] = await api.sql(
      "select changes from audit_log where operation = 'correctInvestmentStage' and user_email = 'investment-official@tests.example'",
    );
    expect(audit.changes).toEqual({
      stage: { before: 'FUNDED', after: 'NEGOTIATION' },
      reason: { before: null, after: '合同尚未签署' },
    });
  });

  it('never lets the funded amount exceed the amount, nor funds arrive before signing', async () => {
    const projectId = await newProject();
    const bad = ok(
      await api.run(
        CREATE,
        {
          input: {
            projectId,
            investorId,
            amount: '100',
            fundedAmount: '100.01',
            signedOn: '2024-05-01',
            fundedOn: '2024-04-01',
          },
        },
        { token },
      ),
    ).createInvestment;
    expect(bad.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.fundedAmount', 'RULE_BROKEN'],
      ['input.fundedOn', 'INVALID'],
    ]);
    const inv = ok(await api.run(CREATE, { input: { projectId, investorId, amount: '100' } }, { token }))
      .createInvestment.investment;
    const lower = ok(
      await api.run(
        UPDATE,
        { input: { id: inv.id, version: 1, fundedAmount: '50', amount: '40' } },
        { token },
      ),
    ).updateInvestment;
    expect(lower.userErrors[0]).toMatchObject({ code: 'RULE_BROKEN' });
  });

  it('accepts an added investment (增资) only after a signed initial one', async () => {
    const projectId = await newProject();
    const early = ok(
      await api.run(
        CREATE,
        { input: { projectId, investorId, amount: '10', kind: 'ADDITIONAL' } },
        { token },
      ),
    ).createInvestment;
    expect(early.userErrors[0]).toMatchObject({ field: ['input', 'kind'], code: 'RULE_BROKEN' });
    ok(
      await api.run(CREATE, { input: { projectId, investorId, amount: '100', stage: 'SIGNED' } }, { token }),
    );
    const added = ok(
      await api.run(
        CREATE,
        { input: { projectId, investorId, amount: '10', kind: 'ADDITIONAL', stage: 'SIGNED' } },
        { token },
      ),
    ).createInvestment;
    expect(added.userErrors).toEqual([]);
    const total = ok(
      await api.run('query($id: ID!) { node(id: $id) { ... on Project { totalInvestment { amount } } } }', {
        id: projectId,
      }),
    ).node;
    expect(total.totalInvestment.amount).toBe('110.00');
  });

  it('counts an archived investment in no total: project, talent and region figures drop alike', async () => {
    const projectId = await newProject();
    const totals = async () => {
      const data = ok(
        await api.run(
          `query($p: ID!, $t: ID!) {
            project: node(id: $p) { ... on Project { totalInvestment { amount } } }
            talent: node(id: $t) { ... on Talent { attributedInvestment { amount } } }
            region(code: "dashuibo") { stats { investment { total { amount } attributedToTalents { amount } } } }
          }`,
          { p: projectId, t: talentId },
          { token },
        ),
      );
      return [
        data.project.totalInvestment.amount,
        data.talent.attributedInvestment.amount,
        data.region.stats.investment.total.amount,
        data.region.stats.investment.attributedToTalents.amount,
      ].map(Number);
    };
    const create = async (amount: string) =>
      ok(
        await api.run(
          CREATE,
          { input: { projectId, investorId, attributedTalentId: talentId, amount, stage: 'SIGNED' } },
          { token },
        ),
      ).createInvestment.investment;
    await create('300');
    const kept = await totals();
    const archived = await create('45.50');
    expect((await totals()).map((n, i) => n - kept[i]!)).toEqual([45.5, 45.5, 45.5, 45.5]);
    const result = ok(
      await api.run(
        'mutation($input: ArchiveInput!) { archiveInvestment(input: $input) { userErrors { code } } }',
        { input: { id: archived.id, version: archived.version } },
        { token },
      ),
    ).archiveInvestment;
    expect(result.userErrors).toEqual([]);
    expect(await totals()).toEqual(kept);
    expect(kept[0]).toBe(300);
  });
});
