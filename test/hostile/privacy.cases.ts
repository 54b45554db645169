import type { HostileCase, HostileTarget } from './corpus.js';

/**
 * Ways to read a hidden talent or a private field: through figures, filters, search, ids, the
 * audit trail. Each answer must hold nothing private, whoever asks.
 */

const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64url');

/** A talent without a public profile, with an attributed investment where one exists. */
async function hidden(t: HostileTarget) {
  const [row] = await t.sql<{ id: string; display_name: string; full_name: string; phone: string | null }>(
    `select t.id, t.display_name, t.full_name, t.phone from talent t
     where not t.public_profile and t.archived_at is null
     order by exists (select 1 from investment i where i.attributed_talent_id = t.id) desc, t.id limit 1`,
  );
  return row!;
}

/** A talent without a public profile in Lidao, hidden from Dashuibo's officials (made once). */
/** The link the case below tried to make (the union it chose has no membership of the talent before). */
let triedLink: { talent: string; union: string } | undefined;

async function hiddenElsewhere(t: HostileTarget) {
  const find = () =>
    t.sql<{ id: string }>(
      `select t.id from talent t join region r on r.id = t.town_id
       where r.code = 'lidao' and not t.public_profile and t.archived_at is null order by t.id limit 1`,
    );
  const [row] = await find();
  if (row) return row;
  await t.sql(
    `insert into talent (town_id, display_name, full_name, phone, settlement, public_profile, contact_consent, is_demo)
     select id, 'Hostile hidden', '敌意测试隐藏', '13900001111', 'RESIDENT', false, false, true from region where code = 'lidao'`,
  );
  return (await find())[0]!;
}

const CREATE_LEASE =
  'mutation($input: CreateLeaseInput!) { createLease(input: $input) { lease { id } userErrors { field code } } }';

/** A lease of a house in Dashuibo to `tenantId`, in a year no lease covers. */
async function leaseTo(t: HostileTarget, tenantId: string) {
  const [house] = await t.sql<{ id: string }>(
    `select h.id from rural_house h join village v on v.id = h.village_id join region r on r.id = v.town_id
     where r.code = 'dashuibo' and h.archived_at is null order by h.id limit 1`,
  );
  return {
    houseId: gid('RuralHouse', house!.id),
    tenantId,
    mode: 'LEASE',
    startsOn: '2032-01-01',
    endsOn: '2032-12-31',
  };
}

const as = async (t: HostileTarget, role?: 'PARTNER' | 'OFFICIAL' | 'ADMIN', region?: string) =>
  role ? { authorization: `Bearer ${await t.token(role, region)}` } : ({} as Record<string, string>);

/** Fails unless the groups of `list` hold at most one group whose `key[dim]` is null. */
const oneNullGroup = (list: string, dim: string) => (_r: Response, body: any) => {
  const nodes = body.data?.[list]?.nodes;
  if (!Array.isArray(nodes)) throw new Error(JSON.stringify(body).slice(0, 300));
  const nulls = nodes.filter((g: any) => g.key[dim] === null).length;
  if (nulls > 1) throw new Error(`${nulls} groups with a null ${dim}: one per hidden object`);
};

/** Fails when the answer holds any private value of the hidden talent. */
const nothingOf = (t: HostileTarget) => async (body: unknown) => {
  const h = await hidden(t);
  const text = JSON.stringify(body);
  for (const value of [h.full_name, h.phone]) {
    if (value && text.includes(value)) throw new Error('a private value of a hidden talent was returned');
  }
};

const groups = (
  list: string,
  dim: string,
  key: string,
  role?: 'PARTNER' | 'OFFICIAL',
  region?: string,
): HostileCase => ({
  name: `${list}(groupBy: [${dim}]) as ${role ?? 'anonymous'}${region ? ` of ${region}` : ''}: hidden talents in one group`,
  send: async (t) =>
    t.graphql(
      { query: `{ ${list}(groupBy: [${dim}], first: 100) { nodes { key { ${key} { id } } count } } }` },
      await as(t, role, region),
    ),
  status: 200,
  check: oneNullGroup(list, key),
});

export const cases: HostileCase[] = [
  groups('investmentGroups', 'ATTRIBUTED_TO', 'attributedTo'),
  groups('investmentGroups', 'ATTRIBUTED_TO', 'attributedTo', 'PARTNER'),
  groups('investmentGroups', 'ATTRIBUTED_TO', 'attributedTo', 'OFFICIAL', 'lidao'),
  groups('leaseGroups', 'TENANT_TALENT', 'tenantTalent'),
  groups('leaseGroups', 'TENANT_TALENT', 'tenantTalent', 'OFFICIAL', 'lidao'),
  groups('unionMembershipGroups', 'TALENT', 'talent'),
  groups('projectRoleGroups', 'TALENT', 'talent'),
  {
    name: 'investmentGroups filtered on a hidden talent: no figures of that person',
    send: async (t) =>
      t.graphql({
        query:
          'query($id: ID!) { investmentGroups(groupBy: [STAGE], where: { attributedTo: { id: { eq: $id } } }) { nodes { count amount { sum } } } }',
        variables: { id: gid('Talent', (await hidden(t)).id) },
      }),
    status: 200,
    check: (_r, body: any) => {
      if (body.data?.investmentGroups?.nodes?.length !== 0) throw new Error(JSON.stringify(body));
    },
  },
  {
    name: 'investments filtered on a hidden talent’s display name: none',
    send: async (t) =>
      t.graphql({
        query:
          'query($n: String!) { investments(where: { attributedTo: { displayName: { eq: $n } } }) { totalCount } }',
        variables: { n: (await hidden(t)).display_name },
      }),
    status: 200,
    check: async (_r, body: any, t) => {
      const [{ n }] = await t.sql<{ n: number }>(
        'select count(*)::int as n from talent where public_profile and display_name = ?',
        [(await hidden(t)).display_name],
      );
      if (n === 0 && body.data?.investments?.totalCount !== 0) throw new Error(JSON.stringify(body));
    },
  },
  {
    name: 'node and nodes of a hidden talent are null for anonymous callers',
    send: async (t) => {
      const id = gid('Talent', (await hidden(t)).id);
      return t.graphql({
        query:
          'query($id: ID!) { node(id: $id) { id } nodes(ids: [$id, $id]) { id ... on Talent { fullName } } }',
        variables: { id },
      });
    },
    status: 200,
    check: (_r, body: any) => {
      if (body.data?.node !== null || body.data?.nodes?.some((n: unknown) => n !== null))
        throw new Error(JSON.stringify(body));
    },
  },
  {
    name: 'search for a hidden talent’s full name finds nothing of it',
    send: async (t) =>
      t.graphql({
        query:
          'query($q: String!) { search(text: $q) { node { __typename ... on Talent { id displayName } } } }',
        variables: { q: (await hidden(t)).full_name },
      }),
    status: 200,
    check: async (_r, body: any, t) => {
      const id = gid('Talent', (await hidden(t)).id);
      if (JSON.stringify(body).includes(id)) throw new Error('search returned the hidden talent');
    },
  },
  {
    name: 'a partner gets no full name and no contact of talents who did not consent',
    send: async (t) =>
      t.graphql(
        { query: '{ talents(first: 100) { nodes { fullName contact { phone email } } } }' },
        await as(t, 'PARTNER'),
      ),
    status: 200,
    check: async (_r, body: any, t) => {
      if (body.data.talents.nodes.some((n: any) => n.fullName !== null)) throw new Error('a full name');
      await nothingOf(t)(body);
    },
  },
  {
    name: 'the audit trail refuses anonymous callers',
    send: (t) => t.graphql({ query: '{ auditLog(first: 5) { nodes { changes { field after } } } }' }),
    status: [200, 401],
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'the audit trail refuses partners',
    send: async (t) =>
      t.graphql(
        { query: '{ auditLog(first: 5) { nodes { changes { field after } } } }' },
        await as(t, 'PARTNER'),
      ),
    status: [200, 403],
    code: 'FORBIDDEN',
  },
  {
    name: 'an official who links another region’s hidden talent gets NOT_FOUND, and the audit trail holds nothing of it',
    send: async (t) => {
      const talent = await hiddenElsewhere(t);
      const [union] = await t.sql<{ id: string }>(
        `select u.id from union_organization u join region r on r.id = u.region_id
         where r.code = 'dashuibo' and u.archived_at is null
           and not exists (select 1 from union_membership m where m.organization_id = u.id and m.talent_id = ?) limit 1`,
        [talent.id],
      );
      triedLink = { talent: talent.id, union: union!.id };
      return t.graphql(
        {
          query:
            'mutation($input: AddUnionMemberInput!) { addUnionMember(input: $input) { unionMembership { id } userErrors { field code } } }',
          variables: {
            input: {
              organizationId: gid('UnionOrganization', union!.id),
              talentId: gid('Talent', talent.id),
            },
          },
        },
        await as(t, 'OFFICIAL', 'dashuibo'),
      );
    },
    status: 200,
    code: 'NOT_FOUND',
    check: async (_r, body: any, t) => {
      const talent = await hiddenElsewhere(t);
      const added = body.data?.addUnionMember;
      if (added?.unionMembership !== null || added.userErrors[0]?.field.join('.') !== 'input.talentId')
        throw new Error(JSON.stringify(body).slice(0, 300));
      // This link only: other tests on the same database may link the talent as an admin.
      const linked = await t.sql(
        'select 1 from union_membership where talent_id = ? and organization_id = ?',
        [triedLink!.talent, triedLink!.union],
      );
      if (triedLink!.talent !== talent.id || linked.length) throw new Error('the refused link was written');
      const log = await t.graphql(
        {
          query:
            '{ auditLog(first: 20, where: { operation: { eq: "addUnionMember" } }) { nodes { changes { field before after } } } }',
        },
        await as(t, 'OFFICIAL', 'dashuibo'),
      );
      const text = await log.text();
      if (!text.includes('"auditLog"')) throw new Error(text.slice(0, 300));
      const rows = await t.sql<{ full_name: string; phone: string | null; email: string | null }>(
        "select full_name, phone, email from talent t join region r on r.id = t.town_id where r.code <> 'dashuibo'",
      );
      for (const r of rows)
        for (const v of [r.full_name, r.phone, r.email])
          if (v && text.includes(v)) throw new Error('a private value of another region’s talent');
    },
  },
  {
    name: 'an official leasing a house to another region’s hidden talent gets NOT_FOUND',
    send: async (t) => {
      const talent = await hiddenElsewhere(t);
      return t.graphql(
        { query: CREATE_LEASE, variables: { input: await leaseTo(t, gid('Talent', talent.id)) } },
        await as(t, 'OFFICIAL', 'dashuibo'),
      );
    },
    status: 200,
    code: 'NOT_FOUND',
    check: (_r, body: any) => {
      if (body.data?.createLease?.lease !== null) throw new Error(JSON.stringify(body).slice(0, 300));
    },
  },
  {
    name: 'a lease whose tenant id has the type "constructor" (not an own key of the lessee kinds)',
    send: async (t) =>
      t.graphql(
        {
          query: CREATE_LEASE,
          variables: { input: await leaseTo(t, gid('constructor', '00000000-0000-4000-8000-000000000001')) },
        },
        await as(t, 'OFFICIAL', 'dashuibo'),
      ),
    status: 200,
    code: 'NOT_FOUND',
  },
];
