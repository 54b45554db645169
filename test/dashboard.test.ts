import { describe, expect, it } from 'vitest';
import { ok, operation, useApi } from './helpers.js';

const api = useApi();
const DASHBOARD = operation('TownDashboard');

describe('TownDashboard (contract)', () => {
  it('reproduces the document for Dashuibo', async () => {
    const result = await api.run(DASHBOARD, { town: 'dashuibo' });
    const { region } = ok(result);
    expect(region.name).toBe('大水泊镇');
    const s = region.stats;
    expect(s.talents.total).toBeGreaterThanOrEqual(100);
    expect(s.talents.resident / s.talents.total).toBeGreaterThan(0.28);
    expect(s.talents.resident / s.talents.total).toBeLessThan(0.38);
    expect(s.talents.resident + s.talents.flexible + s.talents.departed).toBe(s.talents.total);
    expect(s.houses.transferred).toBeGreaterThanOrEqual(400);
    expect(s.houses.byStatus.reduce((n: number, b: any) => n + b.count, 0)).toBe(s.houses.total);
    expect(Number(s.investment.attributedToTalents.amount)).toBeGreaterThanOrEqual(200_000_000);
    expect(s.investment.attributedToTalents.currency).toBe('CNY');
    expect(s.villages.specialty).toBeGreaterThanOrEqual(18);
    expect(s.villages.specialty).toBeLessThanOrEqual(22);
    expect(s.villages.themeCount).toBe(12);
    expect(s.unions.organizations).toBeGreaterThanOrEqual(8);
    // One statement per figure group, whatever the data.
    expect(result.statements).toBeLessThanOrEqual(6);
  });

  it('gives the citywide agriculture-related union figures for Weihai', async () => {
    const s = ok(await api.run(DASHBOARD, { town: 'weihai' })).region.stats;
    expect(s.unions.agricultureRelated).toEqual({ organizations: 141, members: 5625 });
    expect(s.talents.total).toBeGreaterThanOrEqual(100);
  });

  it('matches hand-written SQL', async () => {
    const s = ok(await api.run(DASHBOARD, { town: 'wendeng' })).region.stats;
    const [row] = await api.sql(`
      select (select count(*)::int from talent) as talents,
             (select count(*)::int from rural_house where status <> 'IDLE') as transferred,
             (select sum(amount)::text from investment where stage in ('SIGNED','CONSTRUCTION','FUNDED','PRODUCTION')) as signed`);
    expect(s.talents.total).toBe(row.talents);
    expect(s.houses.transferred).toBe(row.transferred);
    expect(Number(s.investment.total.amount)).toBe(Number(row.signed));
    const byStage = Object.fromEntries(s.investment.byStage.map((b: any) => [b.stage, b.count]));
    const stages = await api.sql('select stage, count(*)::int as n from investment group by stage');
    for (const r of stages) expect(byStage[r.stage]).toBe(r.n);
  });
});
