import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
let token: string;
let town: string;

const run = async (mutation: string, inputType: string, key: string, input: Record<string, unknown>) =>
  ok(
    await api.run(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${key} { id } userErrors { field code message } } }`,
      { input },
      { token },
    ),
  )[mutation];

beforeAll(async () => {
  token = await tokenFor(api, 'domain-official', Role.OFFICIAL, 'dashuibo');
  town = ok(await api.run('{ region(code: "dashuibo") { id } }')).region.id;
});

describe('domain rules of writes', () => {
  it('refuses arrivals in the future and malformed e-mails', async () => {
    const result = await run('createTalent', 'CreateTalentInput', 'talent', {
      townId: town,
      displayName: '未来人',
      fullName: '未来人',
      settlement: 'RESIDENT',
      arrivedOn: '2999-01-01',
      email: 'not-an-email',
    });
    expect(result.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.arrivedOn', 'INVALID'],
      ['input.email', 'INVALID'],
    ]);
  });

  it('keeps a project’s village inside its town and its opening after its start', async () => {
    const lidaoVillage = (
      await api.sql(
        "insert into village (town_id, name_zh, name_en) select id, '俚岛规则村', 'Lidao Rule' from region where code = 'lidao' returning id",
      )
    )[0].id;
    const result = await run('createProject', 'CreateProjectInput', 'project', {
      townId: town,
      villageId: Buffer.from(`Village:${lidaoVillage}`).toString('base64url'),
      kind: 'STUDIO',
      status: 'PLANNED',
      nameZh: '越界项目',
      nameEn: 'Out of town',
      startedOn: '2024-05-01',
      openedOn: '2024-04-01',
    });
    expect(result.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.openedOn', 'INVALID'],
      ['input.villageId', 'RULE_BROKEN'],
    ]);
  });

  it('takes a talent into a union once, with an election date that is not in the future', async () => {
    const talent = (
      await run('createTalent', 'CreateTalentInput', 'talent', {
        townId: town,
        displayName: '会员甲',
        fullName: '会员甲',
        settlement: 'FLEXIBLE',
      })
    ).talent.id;
    const union = ok(
      await api.run('{ unionOrganizations(where: { kind: { eq: JOINT_UNION } }) { nodes { id } } }'),
    ).unionOrganizations.nodes[0].id;
    const future = await run('addUnionMember', 'AddUnionMemberInput', 'unionMembership', {
      organizationId: union,
      talentId: talent,
      role: 'VICE_CHAIR',
      electedOn: '2999-03-11',
    });
    expect(future.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'electedOn'], code: 'INVALID' }),
    ]);
    expect(
      (
        await run('addUnionMember', 'AddUnionMemberInput', 'unionMembership', {
          organizationId: union,
          talentId: talent,
        })
      ).userErrors,
    ).toEqual([]);
    const again = await run('addUnionMember', 'AddUnionMemberInput', 'unionMembership', {
      organizationId: union,
      talentId: talent,
    });
    expect(again.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'talentId'], code: 'TAKEN' }),
    ]);
  });

  it('removes a project role, keeping it in the audit trail', async () => {
    const project = ok(
      await api.run(
        '{ projects(first: 1, where: { name: { eq: "威海设计谷" } }) { nodes { id participants { nodes { id } } } } }',
      ),
    ).projects.nodes[0];
    const role = project.participants.nodes[0].id;
    const removed = ok(
      await api.run(
        'mutation($input: RemoveLinkInput!) { removeProjectParticipant(input: $input) { projectRole { id } userErrors { code } } }',
        { input: { id: role } },
        { token },
      ),
    ).removeProjectParticipant;
    expect(removed).toEqual({ projectRole: null, userErrors: [] });
    const [audit] = await api.sql(
      "select changes from audit_log where operation = 'removeProjectParticipant' and user_email = 'domain-official@tests.example'",
    );
    expect(audit.changes.role.after).toBeNull();
    expect(ok(await api.run('query($id: ID!) { node(id: $id) { id } }', { id: role })).node).toBeNull();
  });
});
