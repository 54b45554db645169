import { beforeAll, describe, expect, it } from 'vitest';
import { type AggregateSpec, type GroupArgs, groupsQuery } from '../../src/data/aggregate.js';
import type { TableSpec } from '../../src/data/table.js';
import { dates, groupDim } from '../../src/graphql/groups.js';
import { anonymous, type Viewer } from '../../src/graphql/viewer.js';
import {
  admin,
  houseTable,
  investmentTable,
  leaseTable,
  official,
  refused,
  resolveTablesWithoutDatabase,
  UUID_B,
  villageTable,
} from './support.js';

beforeAll(resolveTablesWithoutDatabase);

let houses: AggregateSpec;
let leases: AggregateSpec;
beforeAll(() => {
  houses = {
    groups: {
      STATUS: groupDim(houseTable, 'status'),
      VILLAGE: groupDim(houseTable, 'village'),
    },
    measures: { floorAreaM2: 'floor_area_m2' },
  };
  leases = {
    groups: { TENANT_TALENT: groupDim(leaseTable, { key: 'tenantTalent', prop: 'lesseeTalent' }) },
    measures: { annualRent: 'annual_rent' },
  };
});

const query = (table: TableSpec, spec: AggregateSpec, args: GroupArgs, viewer: Viewer = anonymous) => {
  const { statement, ...rest } = groupsQuery(viewer, table, spec, args);
  return { text: statement.text.replace(/\s+/g, ' '), params: statement.params, ...rest };
};
const FIGURES =
  'count(*)::int as count, sum(t.floor_area_m2)::text as "floorAreaM2_sum", avg(t.floor_area_m2)::numeric(20,2)::text as "floorAreaM2_avg", min(t.floor_area_m2)::text as "floorAreaM2_min", max(t.floor_area_m2)::text as "floorAreaM2_max", count(*) over ()::int as __groups';

const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('grouped figures: the statement', () => {
  it('groups by each dimension, with every figure of each measure, ordered by the keys', () => {
    const q = query(houseTable, houses, { groupBy: ['STATUS', 'VILLAGE', 'STATUS'] });
    expect(q.text).toBe(
      `select g.* from (select t.status as k0, t.village_id as k1, ${FIGURES} from rural_house t where t.archived_at is null group by 1, 2) g order by g.k0 ASC nulls last, g.k1 ASC nulls last limit ?`,
    );
    expect(q.params).toEqual([21]);
    expect(q.dims.map((d) => d.key)).toEqual(['status', 'village']);
  });

  it('orders by count or by a measure’s sum, largest first (groups without a sum last), then by the keys', () => {
    expect(query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'COUNT' }).text).toContain(
      'order by g.count DESC nulls first, g.k0 ASC nulls last',
    );
    const bySum = query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'FLOOR_AREA_M2' }).text;
    expect(bySum).toContain('-sum(t.floor_area_m2) as __by, count(*) over ()::int as __groups');
    expect(bySum).toContain('order by g.__by ASC nulls last, g.k0 ASC nulls last');
  });

  it('counts the rows the list’s where and the viewer’s row scope leave', () => {
    const q = query(houseTable, houses, { groupBy: ['STATUS'], where: { status: { in: ['IDLE'] } } });
    expect(q.text).toContain('where (t.archived_at is null) and (t.status = any(?)) group by 1');
    expect(q.params).toEqual([['IDLE'], 21]);
  });

  it('keys a relation to rows the viewer may not see as null: one group, not one per hidden row', () => {
    const hidden =
      '(case when exists (select 1 from talent g where g.id = t.lessee_talent_id and g.public_profile) then t.lessee_talent_id end) as k0';
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }).text).toContain(`(select ${hidden},`);
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }, admin).text).toContain(
      '(select t.lessee_talent_id as k0,',
    );
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }, official).text).toContain(
      `(g.public_profile or g.town_id = any('{${UUID_B}}'::uuid[]))`,
    );
  });

  it('pages by keyset, as lists do: first + 1 grouped rows after the sort keys of the cursor’s group', () => {
    const first = query(houseTable, houses, { groupBy: ['STATUS'], first: 5 });
    expect(first.params).toEqual([6]);
    const after = first.cursor({ k0: 'IDLE', count: 3 });
    const next = query(houseTable, houses, { groupBy: ['STATUS'], first: 5, after });
    expect(next.text).toContain(') g where (g.k0 > ? or g.k0 is null) order by g.k0 ASC nulls last limit ?');
    expect(next.params).toEqual(['IDLE', 6]);
    // After the null-key group (last), nothing follows.
    const afterNull = first.cursor({ k0: null, count: 3 });
    expect(query(houseTable, houses, { groupBy: ['STATUS'], after: afterNull }).text).toContain(
      ') g where false order by',
    );
  });

  it('pages by count or sum, then by the keys', () => {
    const byCount = { groupBy: ['STATUS', 'VILLAGE'], orderBy: 'COUNT', first: 5 };
    const after = query(houseTable, houses, byCount).cursor({ k0: 'IDLE', k1: UUID_B, count: 3 });
    const next = query(houseTable, houses, { ...byCount, after });
    expect(next.text).toContain(
      ') g where (g.count < ?) or ((g.count = ?) and ((g.k0 > ? or g.k0 is null))) or ((g.count = ?) and (g.k0 = ?) and ((g.k1 > ? or g.k1 is null))) order by',
    );
    expect(next.params).toEqual([3, 3, 'IDLE', 3, 'IDLE', UUID_B, 6]);
    const bySum = { groupBy: ['STATUS'], orderBy: 'FLOOR_AREA_M2' };
    const afterSum = query(houseTable, houses, bySum).cursor({ k0: 'IDLE', __by: '-120.50' });
    expect(query(houseTable, houses, { ...bySum, after: afterSum }).params).toEqual([
      '-120.50',
      '-120.50',
      'IDLE',
      21,
    ]);
  });

  it('refuses no dimension, an unknown one, an unknown order, a page size out of bounds and a foreign cursor', () => {
    refused(() => query(houseTable, houses, { groupBy: [] }), 'groupBy', /at least one dimension/);
    refused(() => query(houseTable, houses, { groupBy: ['MOOD'] }), 'groupBy', /cannot group by MOOD/);
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'RENT' }), 'orderBy');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], first: 0 }), 'first');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], first: 101 }), 'first');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], after: 'Zm9v' }), 'after');
    // An offset cursor of before, a list's cursor, one of another grouping or order, a forged value.
    const groupBy = ['STATUS'];
    refused(
      () => query(houseTable, houses, { groupBy, after: Buffer.from('groups:4').toString('base64url') }),
      'after',
    );
    refused(() => query(houseTable, houses, { groupBy, after: encode(['abcdefgh', 'IDLE']) }), 'after');
    const byStatus = query(houseTable, houses, { groupBy }).cursor({ k0: 'IDLE' });
    refused(() => query(houseTable, houses, { groupBy: ['VILLAGE'], after: byStatus }), 'after');
    refused(() => query(houseTable, houses, { groupBy, orderBy: 'COUNT', after: byStatus }), 'after');
    refused(() => query(leaseTable, leases, { groupBy: ['TENANT_TALENT'], after: byStatus }), 'after');
    const signature = JSON.parse(Buffer.from(byStatus, 'base64url').toString())[0];
    refused(() => query(houseTable, houses, { groupBy, after: encode([signature, { in: 1 }]) }), 'after');
    expect(query(houseTable, houses, { groupBy, after: byStatus }).params).toEqual(['IDLE', 21]);
  });

  it('leaves archived rows out; without measures a group has its count only', () => {
    const villages: AggregateSpec = {
      groups: { TOWN: groupDim(villageTable, 'town') },
      measures: {},
    };
    expect(query(villageTable, villages, { groupBy: ['TOWN'] }).text).toBe(
      'select g.* from (select t.town_id as k0, count(*)::int as count, count(*) over ()::int as __groups from village t where t.archived_at is null group by 1) g order by g.k0 ASC nulls last limit ?',
    );
  });
});

describe('grouped figures: the dimensions', () => {
  it('a property by its name: its column, or a to-one relation’s key and table', () => {
    expect(groupDim(houseTable, 'status')).toEqual({ key: 'status', expr: 't.status' });
    expect(groupDim(houseTable, 'village')).toMatchObject({ key: 'village', expr: 't.village_id' });
    expect(groupDim(houseTable, 'village').ref?.()).toBe(villageTable);
  });

  it('a path along to-one relations: a scalar subquery on the table it leads to', () => {
    const village = groupDim(leaseTable, { key: 'village', prop: 'house.village' });
    expect(village.expr).toBe('(select j.village_id from rural_house j where j.id = t.house_id)');
    expect(village.ref?.()).toBe(villageTable);
    expect(groupDim(investmentTable, { key: 'investorKind', prop: 'investor.kind' })).toEqual({
      key: 'investorKind',
      expr: '(select j.kind from organization j where j.id = t.investor_id)',
    });
  });

  it('month, quarter and year of a date property', () => {
    expect(
      dates('renovatedOn', 'Renovation').map((d) => [d.key, groupDim(houseTable, d).expr, d.description]),
    ).toEqual([
      ['renovatedMonth', "to_char(t.renovated_on, 'YYYY-MM')", 'Renovation month, e.g. 2021-03.'],
      ['renovatedQuarter', 'to_char(t.renovated_on, \'YYYY-"Q"Q\')', 'Renovation quarter, e.g. 2021-Q1.'],
      ['renovatedYear', "to_char(t.renovated_on, 'YYYY')", 'Renovation year, e.g. 2021.'],
    ]);
  });
});
