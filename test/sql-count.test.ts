import { describe, expect, it } from 'vitest';
import { ok, operation, useApi } from './helpers.js';

const api = useApi();

/**
 * A run of `query` after a first one: the first request of a shape in a process reads nested lists
 * on their own and learns their row types; from then on they come with their parents.
 */
async function steady(query: string, variables?: Record<string, unknown>) {
  await api.run(query, variables);
  return api.run(query, variables);
}

describe('SQL statements per operation', () => {
  it('ShowcaseVillages costs the same number of statements for first: 5 and first: 50', async () => {
    const query = operation('ShowcaseVillages');
    const vars = { town: 'dashuibo', theme: 'tea', locale: 'EN' };
    const small = await steady(query, { ...vars, first: 5 });
    const large = await steady(query, { ...vars, first: 50 });
    ok(small);
    ok(large);
    expect(small.statements).toBe(large.statements);
    // Wider pages of every village: more rows, not more statements.
    const wide = query.replace(
      'themes: { some: { code: { eq: $theme } } }',
      'themes: { some: { code: { ne: $theme } } }',
    );
    expect(wide).not.toBe(query);
    const wideSmall = await steady(wide, { ...vars, first: 5 });
    const wideLarge = await steady(wide, { ...vars, first: 50 });
    expect(ok(wideLarge).villages.edges.length).toBeGreaterThan(5);
    expect(ok(wideSmall).villages.edges.length).toBe(5);
    expect(wideSmall.statements).toBe(wideLarge.statements);
  });

  it('issues at most a small constant of statements per nesting level', async () => {
    // 7 levels of relations: villages → houses → currentLease → tenant, villages → projects → investments → investor.
    // Every village and house; projects and investments in pages of 10, to stay within the cost limit.
    const query = `{
      villages(first: 50) {
        totalCount
        nodes {
          name town { code }
          themes { code }
          houses(first: 100) {
            totalCount
            nodes { address currentLease { mode house { address } tenant { __typename ... on Talent { displayName } ... on Project { kind } } } }
          }
          projects(first: 10) {
            nodes { totalInvestment { amount } investments(first: 10) { nodes { amount { amount } investor { kind } attributedTo { displayName } } } }
          }
        }
      }
    }`;
    const result = await api.run(query);
    const data = ok(result);
    const houses = data.villages.nodes.reduce((n: number, v: any) => n + v.houses.nodes.length, 0);
    expect(houses).toBeGreaterThan(400);
    const levels = 7;
    expect(result.statements).toBeLessThanOrEqual(levels * 3);
  });

  it('answers the same relation for many parents with one statement', async () => {
    const one = await steady(
      `{ villages(first: 1) { nodes { town { code } houses(first: 3) { nodes { village { name } } } } } }`,
    );
    const many = await steady(
      `{ villages(first: 25) { nodes { town { code } houses(first: 3) { nodes { village { name } } } } } }`,
    );
    ok(one);
    ok(many);
    expect(many.statements).toBe(one.statements);
  });
});
