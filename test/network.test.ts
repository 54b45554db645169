import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import { ok, useApi } from './helpers.js';

const api = useApi();
const NETWORK = `query($from: ID!, $depth: Int, $first: Int, $types: [String!]) {
  network(from: $from, depth: $depth, first: $first, types: $types) { truncated nodes { id type label } edges { from to kind } }
}`;

describe('network view', () => {
  it('draws the Design Valley founder: talent → project → investment → investor', async () => {
    const founder = ok(
      await api.run('{ talents(where: { displayName: { eq: "李久太" } }) { nodes { id } } }'),
    ).talents.nodes[0].id;
    const result = await api.run(NETWORK, { from: founder, depth: 3, first: 500 });
    const { network } = ok(result);
    expect(network.nodes[0]).toEqual({ id: founder, type: 'Talent', label: '李久太' });
    const byId = new Map(network.nodes.map((n: any) => [n.id, n]));
    const valley = network.nodes.find((n: any) => n.label === '威海设计谷');
    expect(valley.type).toBe('Project');
    expect(network.edges).toContainEqual({ from: founder, to: valley.id, kind: 'ROLE_IN' });
    const investments = network.edges.filter((e: any) => e.kind === 'INVESTS_IN' && e.to === valley.id);
    expect(investments.length).toBeGreaterThan(0);
    for (const inv of investments) {
      expect(
        network.edges.some(
          (e: any) =>
            e.kind === 'INVESTED_BY' &&
            e.from === inv.from &&
            (byId.get(e.to) as any).type === 'Organization',
        ),
      ).toBe(true);
    }
    for (const e of network.edges) {
      expect(byId.has(e.from)).toBe(true);
      expect(byId.has(e.to)).toBe(true);
    }
    expect(result.statements).toBeLessThan(60);
  });

  it('leaves out talents without a public profile, with their edges', async () => {
    const union = ok(
      await api.run('{ unionOrganizations(where: { kind: { eq: JOINT_UNION } }) { nodes { id } } }'),
    ).unionOrganizations.nodes[0].id;
    const { network } = ok(await api.run(NETWORK, { from: union, depth: 1, first: 500 }));
    const hidden = new Set(
      (await api.sql('select id from talent where not public_profile')).map((r) =>
        toGlobalId('Talent', r.id),
      ),
    );
    const talents = network.nodes.filter((n: any) => n.type === 'Talent');
    const [{ pub }] = await api.sql('select count(*)::int as pub from talent where public_profile');
    expect(talents.length).toBe(pub);
    expect(talents.some((t: any) => hidden.has(t.id))).toBe(false);
    expect(network.nodes.filter((n: any) => n.type === 'UnionOrganization').length).toBe(1 + 7 + 1);
  });

  it('is bounded: it says when it cut, and refuses depths over 3', async () => {
    const village = ok(await api.run('{ villages(first: 1) { nodes { id } } }')).villages.nodes[0].id;
    const cut = ok(await api.run(NETWORK, { from: village, depth: 3, first: 10 })).network;
    expect(cut.nodes.length).toBe(10);
    expect(cut.truncated).toBe(true);
    const only = ok(await api.run(NETWORK, { from: village, depth: 2, types: ['RuralHouse'] })).network;
    expect(only.nodes.slice(1).every((n: any) => n.type === 'RuralHouse')).toBe(true);
    expect((await api.run(NETWORK, { from: village, depth: 4 })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
