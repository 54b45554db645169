import { describe, expect, it } from 'vitest';
import { ok, useApi } from './helpers.js';

const api = useApi();

/** The sort keys a cursor carries after its signature, and a cursor with the same signature and `values`. */
const keysOf = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
const forge = (cursor: string, values: unknown[]) =>
  Buffer.from(JSON.stringify([keysOf(cursor)[0], ...values])).toString('base64url');

const TALENTS_BY_YEAR =
  'query($after: String) { talentGroups(groupBy: [ARRIVED_YEAR], orderBy: COUNT, first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { key { arrivedYear } count } } }';

describe('cursors of grouped figures: the lists’ keyset cursors', () => {
  it('page after the sort keys of a group (its count, then its keys), in the order of one page of all', async () => {
    const all = ok(
      await api.run(
        '{ talentGroups(groupBy: [ARRIVED_YEAR], orderBy: COUNT, first: 100) { nodes { key { arrivedYear } count } } }',
      ),
    ).talentGroups.nodes;
    const paged: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const p: any = ok(await api.run(TALENTS_BY_YEAR, { after })).talentGroups;
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      paged.push(...p.nodes);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      const last = p.nodes.at(-1);
      expect(keysOf(after!).slice(1)).toEqual([last.count, last.key.arrivedYear]);
    }
    expect(paged).toEqual(all);
  });

  it('refuse on `after` a list’s cursor, one of another grouping, and a sort key of the wrong type', async () => {
    const first = ok(await api.run(TALENTS_BY_YEAR)).talentGroups.pageInfo.endCursor;
    const list = ok(await api.run('{ talents(first: 1) { pageInfo { endCursor } } }')).talents.pageInfo
      .endCursor;
    const byField = ok(
      await api.run(
        '{ talentGroups(groupBy: [FIELD], orderBy: COUNT, first: 1) { pageInfo { endCursor } } }',
      ),
    ).talentGroups.pageInfo.endCursor;
    for (const after of [list, byField, forge(first, ['many', '2020'])]) {
      const result = await api.run(TALENTS_BY_YEAR, { after });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
