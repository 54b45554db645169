import { getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/data/registry.js';
import { getSchema } from '../src/graphql/schema.js';
import { ok, useApi } from './helpers.js';

const api = useApi();

describe('the graph, both ways', () => {
  it('goes village → house → lease → tenant → project → investment → investor → back to the village', async () => {
    const data = ok(
      await api.run(`{
        ruralHouses(first: 100, where: { status: { ne: IDLE } }) {
          nodes {
            village { id name }
            currentLease {
              mode startsOn endsOn annualRent { amount currency }
              house { village { id } }
              tenant {
                __typename
                ... on Project {
                  village { id }
                  investments(first: 5) { nodes { investor { name investments { totalCount } } project { village { id } } } }
                  participants { nodes { talent { displayName projectRoles { totalCount } } } }
                  leases { totalCount }
                }
                ... on Talent { leases { nodes { house { id } } } }
                ... on Organization { leases { totalCount } }
              }
            }
          }
        }
      }`),
    );
    const houses = data.ruralHouses.nodes;
    expect(houses.every((h: any) => h.currentLease && h.currentLease.house.village.id === h.village.id)).toBe(
      true,
    );
    const byProject = houses.filter((h: any) => h.currentLease.tenant?.__typename === 'Project');
    expect(byProject.length).toBeGreaterThan(0);
    for (const h of byProject) {
      expect(h.currentLease.tenant.village.id).toBe(h.village.id);
      expect(h.currentLease.tenant.leases.totalCount).toBeGreaterThan(0);
      for (const i of h.currentLease.tenant.investments.nodes) {
        expect(i.project.village.id).toBe(h.village.id);
        expect(i.investor.investments.totalCount).toBeGreaterThan(0);
      }
    }
    const kinds = new Set(houses.map((h: any) => h.currentLease.tenant?.__typename).filter(Boolean));
    expect([...kinds].sort()).toEqual(['Organization', 'Project', 'Talent']);
  });

  it('goes region → towns → villages → themes → villages, and union → branches → parent', async () => {
    const data = ok(
      await api.run(`{
        region(code: "weihai") {
          kind parent { code }
          children(first: 10) { nodes { code parent { code } children { nodes { code villages(first: 2) { nodes { themes { villages { totalCount } } } } } } } }
          unionOrganizations { nodes { name(locale: ZH) branches(first: 10) { totalCount nodes { parent { name(locale: ZH) } region { code } } } } }
        }
      }`),
    );
    const weihai = data.region;
    expect(weihai.kind).toBe('CITY');
    expect(weihai.parent).toBeNull();
    expect(weihai.children.nodes.map((c: any) => c.code).sort()).toEqual([
      'lingang',
      'rongcheng',
      'rushan',
      'wendeng',
    ]);
    const wendeng = weihai.children.nodes.find((c: any) => c.code === 'wendeng');
    expect(wendeng.children.nodes.map((c: any) => c.code)).toContain('dashuibo');
    const federation = weihai.unionOrganizations.nodes[0];
    expect(federation.name).toBe('威海市总工会');
    expect(federation.branches.totalCount).toBe(4);
    for (const b of federation.branches.nodes) expect(b.parent.name).toBe('威海市总工会');
  });

  it('fetches an object of every type by node(id) and nodes(ids), in order, null for missing ones', async () => {
    // Each node type by its list query (the query returning its connection), every one of them.
    const queries = Object.values((await getSchema()).getQueryType()!.getFields());
    const lists: Record<string, string> = {};
    for (const type of registry().nodes.keys()) {
      const list = queries.find((q) => getNamedType(q.type).name === `${type}Connection`);
      if (list && type !== 'AuditEntry') lists[type] = list.name;
    }
    expect(Object.keys(lists).length).toBeGreaterThanOrEqual(12);
    const ids: string[] = [];
    for (const [type, list] of Object.entries(lists)) {
      const node = ok(await api.run(`{ ${list}(first: 1) { nodes { id } } }`))[list].nodes[0];
      const fetched = ok(
        await api.run('query($id: ID!) { node(id: $id) { __typename id } }', { id: node.id }),
      ).node;
      expect(fetched).toEqual({ __typename: type, id: node.id });
      ids.push(node.id);
    }
    const partner = ok(
      await api.run('{ projects(first: 20) { nodes { partners { nodes { id } } } } }'),
    ).projects.nodes.flatMap((p: any) => p.partners.nodes)[0];
    ids.push(partner.id);
    // Pictures have no list of their own either: through their owners.
    const picture = ok(
      await api.run(
        '{ villages(first: 50, where: { isSpecialty: { eq: true } }) { nodes { coverImage { id } } } }',
      ),
    ).villages.nodes.find((v: any) => v.coverImage)?.coverImage;
    expect(
      ok(await api.run('query($id: ID!) { node(id: $id) { __typename id } }', { id: picture.id })).node,
    ).toEqual({ __typename: 'Image', id: picture.id });
    ids.push(picture.id);
    // AuditEntry is only for signed-in officials and admins (see village-writes.test.ts); partners
    // have no list of their own (above: through their projects).
    const covered = new Set([...Object.keys(lists), 'ProjectPartner', 'Image', 'AuditEntry']);
    expect([...registry().nodes.keys()].filter((t) => !covered.has(t))).toEqual([]);
    const missing = Buffer.from('Village:00000000-0000-4000-8000-000000000000').toString('base64url');
    const many = ok(
      await api.run('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...ids, missing] }),
    ).nodes;
    expect(many.map((n: any) => n?.id ?? null)).toEqual([...ids, null]);
    const bad = await api.run('{ node(id: "garbage") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
