import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
let token: string;
let villageId: string;
let tenantId: string;
let n = 0;

const HOUSE = `mutation($input: CreateRuralHouseInput!) { createRuralHouse(input: $input) { ruralHouse { id version status floorAreaM2 } userErrors { field code } } }`;
const LEASE = `mutation($input: CreateLeaseInput!) { createLease(input: $input) { lease { id version startsOn endsOn house { status } tenant { __typename } } userErrors { field code message } } }`;
const TERMINATE = `mutation($input: TerminateLeaseInput!) { terminateLease(input: $input) { lease { terminatedOn version } userErrors { field code } } }`;

async function newHouse() {
  const data = ok(
    await api.run(
      HOUSE,
      { input: { villageId, address: `规则路${process.pid}-${++n}号`, floorAreaM2: '150' } },
      { token },
    ),
  );
  return data.createRuralHouse.ruralHouse;
}
const lease = (houseId: string, startsOn: string, endsOn: string) =>
  api
    .run(LEASE, { input: { houseId, tenantId, mode: 'LEASE', startsOn, endsOn } }, { token })
    .then((r) => ok(r).createLease);

beforeAll(async () => {
  token = await tokenFor(api, 'house-official', Role.OFFICIAL, 'dashuibo');
  // Dashuibo's 东山村: another test file may add a village of the same name in another town.
  villageId = ok(
    await api.run(
      '{ villages(first: 1, where: { name: { eq: "东山村" }, town: { code: { eq: "dashuibo" } } }) { nodes { id } } }',
    ),
  ).villages.nodes[0].id;
  tenantId = ok(await api.run('{ projects(first: 1) { nodes { id } } }')).projects.nodes[0].id;
});

describe('rural houses', () => {
  it('checks area, address and renovation date', async () => {
    const first = await newHouse();
    expect(first).toMatchObject({ status: 'IDLE', floorAreaM2: '150.00', version: 1 });
    const [{ address }] = await api.sql('select address from rural_house order by created_at desc limit 1');
    const bad = ok(
      await api.run(
        HOUSE,
        { input: { villageId, address, floorAreaM2: '0', renovatedOn: '2999-01-01' } },
        { token },
      ),
    ).createRuralHouse;
    expect(bad.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.address', 'TAKEN'],
      ['input.floorAreaM2', 'INVALID'],
      ['input.renovatedOn', 'INVALID'],
    ]);
  });
});

describe('leases', () => {
  it('transfers an idle house and marks it TRANSFERRED', async () => {
    const house = await newHouse();
    const created = await lease(house.id, '2022-03-01', '2037-02-28');
    expect(created.userErrors).toEqual([]);
    expect(created.lease).toMatchObject({
      house: { status: 'TRANSFERRED' },
      tenant: { __typename: 'Project' },
    });
    const audits = await api.sql(
      "select object_type from audit_log where operation = 'createLease' order by at desc limit 2",
    );
    expect(audits.map((a) => a.object_type).sort()).toEqual(['Lease', 'RuralHouse']);
  });

  it('refuses more than 20 years, an end before the start, and overlaps', async () => {
    const house = await newHouse();
    expect((await lease(house.id, '2022-01-01', '2042-01-02')).userErrors[0]).toMatchObject({
      field: ['input', 'endsOn'],
      code: 'RULE_BROKEN',
    });
    expect((await lease(house.id, '2022-01-01', '2021-12-31')).userErrors[0]).toMatchObject({
      field: ['input', 'endsOn'],
      code: 'INVALID',
    });
    expect((await lease(house.id, '2022-01-01', '2042-01-01')).userErrors).toEqual([]);
    expect((await lease(house.id, '2030-01-01', '2031-01-01')).userErrors[0]).toMatchObject({
      code: 'RULE_BROKEN',
    });
  });

  it('lets only one of two concurrent overlapping leases through (the database holds the rule)', async () => {
    const house = await newHouse();
    const results = await Promise.all([
      lease(house.id, '2023-01-01', '2030-01-01'),
      lease(house.id, '2025-01-01', '2028-01-01'),
    ]);
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'RULE_BROKEN')).toHaveLength(1);
    const [{ leases }] = await api.sql(
      'select count(*)::int as leases from lease l join rural_house h on h.id = l.house_id where h.address = ?',
      [(await api.sql('select address from rural_house order by created_at desc limit 1'))[0].address],
    );
    expect(leases).toBe(1);
  });

  it('corrects a lease’s end within 20 years and without overlapping the next lease', async () => {
    const house = await newHouse();
    const first = (await lease(house.id, '2022-01-01', '2026-12-31')).lease;
    ok(await lease(house.id, '2027-01-01', '2030-01-01'));
    const UPDATE = `mutation($input: UpdateLeaseInput!) { updateLease(input: $input) { lease { endsOn version } userErrors { field code } } }`;
    const overlap = ok(
      await api.run(UPDATE, { input: { id: first.id, version: 1, endsOn: '2028-01-01' } }, { token }),
    ).updateLease;
    expect(overlap.userErrors).toEqual([{ field: ['input', 'endsOn'], code: 'RULE_BROKEN' }]);
    const shorter = ok(
      await api.run(UPDATE, { input: { id: first.id, version: 1, endsOn: '2025-06-30' } }, { token }),
    ).updateLease;
    expect(shorter.lease).toEqual({ endsOn: '2025-06-30', version: 2 });
  });

  it('terminates early, within the lease, and frees the house for the time after', async () => {
    const house = await newHouse();
    const created = (await lease(house.id, '2022-01-01', '2032-01-01')).lease;
    const outside = ok(
      await api.run(
        TERMINATE,
        { input: { id: created.id, version: 1, terminatedOn: '2033-01-01' } },
        { token },
      ),
    ).terminateLease;
    expect(outside.userErrors).toEqual([{ field: ['input', 'terminatedOn'], code: 'INVALID' }]);
    const done = ok(
      await api.run(
        TERMINATE,
        { input: { id: created.id, version: 1, terminatedOn: '2024-12-31' } },
        { token },
      ),
    ).terminateLease;
    expect(done.lease).toEqual({ terminatedOn: '2024-12-31', version: 2 });
    expect((await lease(house.id, '2025-01-01', '2035-01-01')).userErrors).toEqual([]);
  });
});
