import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

/**
 * A write sees what its caller may read: a talent hidden from an official (no public profile, in
 * another region) is NOT_FOUND in every mutation that names it, exactly as an id that names nothing,
 * and nothing is written. Its memberships and project roles, which follow the talent, too.
 */
const writes = useApi({ writes: true });
const MISSING = '00000000-0000-4000-8000-00000000abcd';

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Inserts a talent of `town` and returns its global id. */
async function talent(town: string, name: string, publicProfile: boolean) {
  const [row] = await writes.sql(
    `insert into talent (town_id, display_name, full_name, settlement, public_profile, contact_consent, is_demo)
     select id, ?, ?, 'RESIDENT', ?, false, true from region where code = ? returning id`,
    [name, `${name} 全名`, publicProfile, town],
  );
  return toGlobalId('Talent', row.id);
}

const one = async (sql: string) => (await writes.sql(sql))[0];

async function send(token: string, mutation: string, input: Record<string, unknown>) {
  const name = /^\s*(\w+)/.exec(mutation)![1]!;
  const result = await writes.run(
    `mutation($input: ${inputType[name]}!) { ${name}(input: $input) { ${mutation.slice(name.length)} userErrors { field code message } } }`,
    { input },
    { token },
  );
  return ok(result)[name] as Record<string, unknown> & { userErrors: { code: string; message: string }[] };
}
const inputType: Record<string, string> = {
  addUnionMember: 'AddUnionMemberInput',
  addProjectParticipant: 'AddProjectParticipantInput',
  createLease: 'CreateLeaseInput',
  createInvestment: 'CreateInvestmentInput',
  updateInvestment: 'UpdateInvestmentInput',
  updateTalent: 'UpdateTalentInput',
  archiveTalent: 'ArchiveInput',
  updateUnionMember: 'UpdateUnionMemberInput',
  removeUnionMember: 'RemoveLinkInput',
  removeProjectParticipant: 'RemoveLinkInput',
};

/** Rows of the tables a refused write could have touched. */
const footprint = async () =>
  one(`select (select count(*) from union_membership)::int as memberships,
              (select count(*) from project_participant)::int as roles,
              (select count(*) from lease)::int as leases,
              (select count(*) from investment)::int as investments,
              (select count(*) from audit_log)::int as audits,
              (select coalesce(sum(version), 0) from talent)::int as talents,
              (select coalesce(sum(version), 0) from investment)::int as investmentVersions`);

beforeAll(async () => {
  tokens.official = await tokenFor(writes, 'write-visibility-official', Role.OFFICIAL, 'dashuibo');
  tokens.admin = await tokenFor(writes, 'write-visibility-admin', Role.ADMIN);
  ids.hidden = await talent('lidao', 'Hidden elsewhere', false);
  ids.publicElsewhere = await talent('lidao', 'Public elsewhere', true);
  ids.hiddenHere = await talent('dashuibo', 'Hidden here', false);
  ids.missing = toGlobalId('Talent', MISSING);
  const inDashuibo = (table: string, alias = 'x', regionColumn = 'town_id') =>
    one(
      `select ${alias}.id from ${table} ${alias} join region r on r.id = ${alias}.${regionColumn} where r.code = 'dashuibo' and ${alias}.archived_at is null order by ${alias}.id limit 1`,
    );
  ids.union = toGlobalId('UnionOrganization', (await inDashuibo('union_organization', 'u', 'region_id')).id);
  ids.project = toGlobalId('Project', (await inDashuibo('project')).id);
  ids.house = toGlobalId(
    'RuralHouse',
    (
      await one(
        `select h.id from rural_house h join village v on v.id = h.village_id join region r on r.id = v.town_id
         where r.code = 'dashuibo' and h.archived_at is null order by h.id limit 1`,
      )
    ).id,
  );
  ids.organization = toGlobalId(
    'Organization',
    (await one('select id from organization where archived_at is null order by id limit 1')).id,
  );
  const investment = await one(
    `select i.id, i.version from investment i join project p on p.id = i.project_id join region r on r.id = p.town_id
     where r.code = 'dashuibo' and i.archived_at is null order by i.id limit 1`,
  );
  ids.investment = toGlobalId('Investment', investment.id);
  ids.investmentVersion = investment.version;
  // An admin may link anyone: the hidden talent's membership and project role the official cannot see.
  const membership = await send(tokens.admin, 'addUnionMember unionMembership { id version }', {
    organizationId: ids.union,
    talentId: ids.hidden,
  });
  expect(membership.userErrors).toEqual([]);
  ids.membership = (membership.unionMembership as { id: string }).id;
  const role = await send(tokens.admin, 'addProjectParticipant projectRole { id }', {
    projectId: ids.project,
    talentId: ids.hidden,
    role: 'ADVISOR',
  });
  expect(role.userErrors).toEqual([]);
  ids.role = (role.projectRole as { id: string }).id;
});

/** The mutations that name a talent, each given the talent's id. */
const byTalent: [string, (talentId: string) => Record<string, unknown>][] = [
  ['addUnionMember unionMembership { id }', (t) => ({ organizationId: ids.union, talentId: t })],
  [
    'addProjectParticipant projectRole { id }',
    (t) => ({ projectId: ids.project, talentId: t, role: 'MEMBER' }),
  ],
  [
    'createLease lease { id }',
    (t) => ({ houseId: ids.house, tenantId: t, mode: 'LEASE', startsOn: '2031-01-01', endsOn: '2031-12-31' }),
  ],
  [
    'createInvestment investment { id }',
    (t) => ({ projectId: ids.project, investorId: ids.organization, amount: '1000', attributedTalentId: t }),
  ],
  [
    'updateInvestment investment { id }',
    (t) => ({ id: ids.investment, version: ids.investmentVersion, attributedTalentId: t }),
  ],
  ['updateTalent talent { id }', (t) => ({ id: t, version: 1, displayName: 'Renamed' })],
  ['archiveTalent talent { id }', (t) => ({ id: t, version: 1 })],
];

/** The mutations that name a membership or project role of a talent. */
const byLink: [string, () => string, string, (id: string) => Record<string, unknown>][] = [
  [
    'updateUnionMember unionMembership { id }',
    () => ids.membership!,
    'UnionMembership',
    (id) => ({ id, version: 1, role: 'CHAIR' }),
  ],
  ['removeUnionMember unionMembership { id }', () => ids.membership!, 'UnionMembership', (id) => ({ id })],
  ['removeProjectParticipant projectRole { id }', () => ids.role!, 'ProjectRole', (id) => ({ id })],
];

describe("an official's writes never reach a talent they may not read", () => {
  it.each(byTalent)(
    '%s: a hidden talent of another region is NOT_FOUND, like an id of nothing, and nothing is written',
    async (mutation, input) => {
      const before = await footprint();
      const hidden = await send(tokens.official, mutation, input(ids.hidden!));
      const missing = await send(tokens.official, mutation, input(ids.missing!));
      expect(hidden.userErrors.length).toBeGreaterThan(0);
      expect(hidden.userErrors.map((e) => e.code)).toContain('NOT_FOUND');
      // The same answer, word for word, once the ids are swapped.
      expect(JSON.parse(JSON.stringify(hidden).replaceAll(ids.hidden!, ids.missing!))).toEqual(missing);
      expect(await footprint()).toEqual(before);
    },
  );

  it.each(byLink)(
    '%s: a membership or role of a hidden talent is NOT_FOUND, like an id of nothing',
    async (mutation, link, type, input) => {
      const before = await footprint();
      const missingId = toGlobalId(type, MISSING);
      const hidden = await send(tokens.official, mutation, input(link()));
      const missing = await send(tokens.official, mutation, input(missingId));
      expect(hidden.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      expect(JSON.parse(JSON.stringify(hidden).replaceAll(link(), missingId))).toEqual(missing);
      expect(await footprint()).toEqual(before);
    },
  );

  it('still links a public talent of another region and a hidden talent of their own', async () => {
    for (const talentId of [ids.publicElsewhere!, ids.hiddenHere!]) {
      const added = await send(tokens.official, 'addUnionMember unionMembership { id }', {
        organizationId: ids.union,
        talentId,
      });
      expect(added.userErrors).toEqual([]);
      expect(added.unionMembership).not.toBeNull();
    }
    // A public talent of another region is readable, so changing it is FORBIDDEN, not NOT_FOUND.
    const renamed = await writes.run(
      'mutation($input: UpdateTalentInput!) { updateTalent(input: $input) { userErrors { code } } }',
      { input: { id: ids.publicElsewhere, version: 1, displayName: 'Renamed' } },
      { token: tokens.official },
    );
    expect(renamed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
