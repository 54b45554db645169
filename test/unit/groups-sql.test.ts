import { beforeAll, describe, expect, it } from 'vitest';
import { type AggregateSpec, type GroupArgs, groupsQuery } from '../../src/data/aggregate.js';
import type { TableSpec } from '../../src/data/table.js';
import { groupDim } from '../../src/graphql/groups.js';
import { anonymous, type Viewer } from '../../src/graphql/viewer.js';
import {
  admin,
  houseTable,
  leaseTable,
  official,
  refused,
  resolveTablesWithoutDatabase,
  UUID_B,
  villageTable,
} from './support.js';

beforeAll(resolveTablesWithoutDatabase);

const dimension = (key: string, prop?: string) => ({ key, prop, type: () => String, description: '' });
let houses: AggregateSpec;
let leases: AggregateSpec;
beforeAll(() => {
  houses = {
    groups: {
      STATUS: groupDim(houseTable, dimension('status')),
      VILLAGE: groupDim(houseTable, dimension('village')),
    },
    measures: { floorAreaM2: 'floor_area_m2' },
  };
  leases = {
    groups: { TENANT_TALENT: groupDim(leaseTable, dimension('tenantTalent', 'lesseeTalent')) },
    measures: { annualRent: 'annual_rent' },
  };
});

const query = (table: TableSpec, spec: AggregateSpec, args: GroupArgs, viewer: Viewer = anonymous) => {
  const { statement, ...rest } = groupsQuery(viewer, table, spec, args);
  return { text: statement.text.replace(/\s+/g, ' '), params: statement.params, ...rest };
};
const FIGURES =
  'count(*)::int as count, sum(t.floor_area_m2)::text as "floorAreaM2_sum", avg(t.floor_area_m2)::numeric(20,2)::text as "floorAreaM2_avg", min(t.floor_area_m2)::text as "floorAreaM2_min", max(t.floor_area_m2)::text as "floorAreaM2_max", count(*) over ()::int as __groups';

describe('grouped figures: the statement', () => {
  it('groups by each dimension, with every figure of each measure, ordered by the keys', () => {
    const q = query(houseTable, houses, { groupBy: ['STATUS', 'VILLAGE', 'STATUS'] });
    expect(q.text).toBe(
      `select t.status as k0, t.village_id as k1, ${FIGURES} from rural_house t where t.archived_at is null group by 1, 2 order by k0 asc nulls last, k1 asc nulls last limit ? offset ?`,
    );
    expect(q.params).toEqual([21, 0]);
    expect(q.dims.map((d) => d.key)).toEqual(['status', 'village']);
  });

  it('orders by count or by a measure’s sum, largest first, then by the keys', () => {
    expect(query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'COUNT' }).text).toContain(
      'order by count(*) desc, k0 asc nulls last',
    );
    expect(query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'FLOOR_AREA_M2' }).text).toContain(
      'order by sum(t.floor_area_m2) desc nulls last, k0 asc nulls last',
    );
  });

  it('counts the rows the list’s where and the viewer’s row scope leave', () => {
    const q = query(houseTable, houses, { groupBy: ['STATUS'], where: { status: { in: ['IDLE'] } } });
    expect(q.text).toContain('where (t.archived_at is null) and (t.status = any(?)) group by 1');
    expect(q.params).toEqual([['IDLE'], 21, 0]);
  });

  it('keys a relation to rows the viewer may not see as null: one group, not one per hidden row', () => {
    const hidden =
      '(case when exists (select 1 from talent g where g.id = t.lessee_talent_id and g.public_profile) then t.lessee_talent_id end) as k0';
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }).text).toContain(`select ${hidden},`);
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }, admin).text).toContain(
      'select t.lessee_talent_id as k0,',
    );
    expect(query(leaseTable, leases, { groupBy: ['TENANT_TALENT'] }, official).text).toContain(
      `(g.public_profile or g.town_id = any('{${UUID_B}}'::uuid[]))`,
    );
  });

  it('pages by offset: first + 1 rows after the group the cursor names', () => {
    const first = query(houseTable, houses, { groupBy: ['STATUS'], first: 5 });
    expect(first.params).toEqual([6, 0]);
    const after = Buffer.from('groups:4').toString('base64url');
    const next = query(houseTable, houses, { groupBy: ['STATUS'], first: 5, after });
    expect(next.params).toEqual([6, 5]);
    expect(next.offset).toBe(5);
  });

  it('refuses no dimension, an unknown one, an unknown order, a page size out of bounds and a foreign cursor', () => {
    refused(() => query(houseTable, houses, { groupBy: [] }), 'groupBy', /at least one dimension/);
    refused(() => query(houseTable, houses, { groupBy: ['MOOD'] }), 'groupBy', /cannot group by MOOD/);
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], orderBy: 'RENT' }), 'orderBy');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], first: 0 }), 'first');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], first: 101 }), 'first');
    refused(() => query(houseTable, houses, { groupBy: ['STATUS'], after: 'Zm9v' }), 'after');
  });

  it('leaves archived rows out; without measures a group has its count only', () => {
    const villages: AggregateSpec = {
      groups: { TOWN: groupDim(villageTable, dimension('town')) },
      measures: {},
    };
    expect(query(villageTable, villages, { groupBy: ['TOWN'] }).text).toBe(
      'select t.town_id as k0, count(*)::int as count, count(*) over ()::int as __groups from village t where t.archived_at is null group by 1 order by k0 asc nulls last limit ? offset ?',
    );
  });
});
