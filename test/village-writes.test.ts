import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
const t: Record<string, string> = {};
let dashuibo: string;

const CREATE = `mutation($input: CreateVillageInput!) {
  createVillage(input: $input) { village { id version name(locale: ZH) isSpecialty themes { code } location { lat lng } town { code } } userErrors { field code message } }
}`;
const UPDATE = `mutation($input: UpdateVillageInput!) {
  updateVillage(input: $input) { village { id version name(locale: EN) description(locale: ZH) } userErrors { field code message } }
}`;
// Other test files write to the same database at the same time: count only what this file's accounts did.
const villageCount = async () =>
  (
    await api.sql(
      "select count(*)::int as n from village where name_en like 'Writes %' or name_zh = '不应存在村'",
    )
  )[0].n as number;
const auditCount = async () =>
  (
    await api.sql("select count(*)::int as n from audit_log where user_email like 'official-%@tests.example'")
  )[0].n as number;

beforeAll(async () => {
  t.admin = await tokenFor(api, 'admin', Role.ADMIN);
  t.dashuibo = await tokenFor(api, 'official-dashuibo', Role.OFFICIAL, 'dashuibo');
  t.wendeng = await tokenFor(api, 'official-wendeng', Role.OFFICIAL, 'wendeng');
  t.lidao = await tokenFor(api, 'official-lidao', Role.OFFICIAL, 'lidao');
  t.partner = await tokenFor(api, 'partner', Role.PARTNER);
  dashuibo = ok(await api.run('{ region(code: "dashuibo") { id } }')).region.id;
});

describe('createVillage', () => {
  it('creates a village with themes in a town the official governs, and audits it', async () => {
    const before = await auditCount();
    const data = ok(
      await api.run(
        CREATE,
        {
          input: {
            townId: dashuibo,
            nameZh: ' 新茶村 ',
            nameEn: 'Xincha Village',
            isSpecialty: true,
            themeCodes: ['tea', 'poetry'],
            location: { lat: 37.1, lng: 122.2 },
            photos: ['https://example.org/xincha.jpg'],
          },
        },
        { token: t.dashuibo },
      ),
    ).createVillage;
    expect(data.userErrors).toEqual([]);
    expect(data.village).toMatchObject({
      version: 1,
      name: '新茶村',
      isSpecialty: true,
      town: { code: 'dashuibo' },
    });
    expect(data.village.themes.map((x: any) => x.code).sort()).toEqual(['poetry', 'tea']);
    expect(data.village.location).toEqual({ lat: 37.1, lng: 122.2 });
    expect(await auditCount()).toBe(before + 1);
    const [audit] = await api.sql(
      "select * from audit_log where operation = 'createVillage' order by at desc limit 1",
    );
    expect(audit.user_email).toBe('official-dashuibo@tests.example');
    expect(audit.changes.nameZh).toEqual({ before: null, after: '新茶村' });
  });

  it('reports every mistake with its path and writes nothing', async () => {
    const villages = await villageCount();
    const audits = await auditCount();
    const data = ok(
      await api.run(
        CREATE,
        {
          input: {
            townId: dashuibo,
            nameZh: '  ',
            nameEn: `Writes ${'x'.repeat(300)}`,
            themeCodes: ['tea', 'golf'],
            photos: ['ftp://nope'],
            location: { lat: 123, lng: 0 },
          },
        },
        { token: t.dashuibo },
      ),
    ).createVillage;
    expect(data.village).toBeNull();
    expect(data.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual(
      [
        ['input.location.lat', 'INVALID'],
        ['input.nameEn', 'INVALID'],
        ['input.nameZh', 'REQUIRED'],
        ['input.photos.0', 'INVALID'],
        ['input.themeCodes.1', 'NOT_FOUND'],
      ].sort(),
    );
    expect(await villageCount()).toBe(villages);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a name the town has already', async () => {
    const data = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '东山村', nameEn: 'Dongshan 2' } },
        { token: t.dashuibo },
      ),
    ).createVillage;
    expect(data.userErrors).toEqual([expect.objectContaining({ field: ['input', 'nameZh'], code: 'TAKEN' })]);
  });

  it('is refused to anonymous callers, partners and officials of other regions', async () => {
    const input = { townId: dashuibo, nameZh: '不应存在村', nameEn: 'Nope' };
    const villages = await villageCount();
    expect((await api.run(CREATE, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.run(CREATE, { input }, { token: t.partner })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await api.run(CREATE, { input }, { token: t.lidao })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await villageCount()).toBe(villages);
    // The district's official governs the towns below it.
    const ok2 = ok(
      await api.run(CREATE, { input: { ...input, nameZh: '文登管辖村' } }, { token: t.wendeng }),
    ).createVillage;
    expect(ok2.userErrors).toEqual([]);
  });
});

describe('updateVillage and concurrency', () => {
  it('changes only the given fields, clears with null, and bumps the version', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '更新村', nameEn: 'Gengxin', descriptionZh: '旧' } },
        { token: t.admin },
      ),
    ).createVillage.village;
    const data = ok(
      await api.run(
        UPDATE,
        { input: { id: created.id, version: 1, nameEn: 'Gengxin Village', descriptionZh: null } },
        { token: t.dashuibo },
      ),
    ).updateVillage;
    expect(data.userErrors).toEqual([]);
    expect(data.village).toMatchObject({ version: 2, name: 'Gengxin Village', description: null });
    const [audit] = await api.sql(
      "select changes from audit_log where operation = 'updateVillage' order by at desc limit 1",
    );
    expect(audit.changes).toEqual({
      nameEn: { before: 'Gengxin', after: 'Gengxin Village' },
      descriptionZh: { before: '旧', after: null },
    });
  });

  it('answers a stale version with CONFLICT and changes nothing', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '冲突村', nameEn: 'Chongtu' } },
        { token: t.admin },
      ),
    ).createVillage.village;
    ok(
      await api.run(
        UPDATE,
        { input: { id: created.id, version: 1, nameEn: 'First' } },
        { token: t.dashuibo },
      ),
    );
    const stale = ok(
      await api.run(
        UPDATE,
        { input: { id: created.id, version: 1, nameEn: 'Second' } },
        { token: t.dashuibo },
      ),
    ).updateVillage;
    expect(stale.village).toBeNull();
    expect(stale.userErrors[0]).toMatchObject({ field: ['input', 'version'], code: 'CONFLICT' });
    const [row] = await api.sql('select name_en, version from village where name_zh = ?', ['冲突村']);
    expect(row).toEqual({ name_en: 'First', version: 2 });
  });

  it('lets exactly one of many concurrent updates of the same version win; none is lost silently', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '并发村', nameEn: 'Bingfa' } },
        { token: t.admin },
      ),
    ).createVillage.village;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api
          .run(
            UPDATE,
            { input: { id: created.id, version: 1, nameEn: `Writer ${i}` } },
            { token: t.dashuibo },
          )
          .then(ok),
      ),
    );
    const winners = results.filter((r) => r.updateVillage.userErrors.length === 0);
    const losers = results.filter((r) => r.updateVillage.userErrors[0]?.code === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    const [row] = await api.sql('select name_en, version from village where id = ?', [
      Buffer.from(created.id, 'base64url').toString().split(':')[1],
    ]);
    expect(row).toEqual({ name_en: winners[0].updateVillage.village.name, version: 2 });
  });
});

describe('archiveVillage and themes', () => {
  it('archives: gone from lists, still reachable by id, refused a second time', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '归档村', nameEn: 'Guidang' } },
        { token: t.admin },
      ),
    ).createVillage.village;
    const archive = `mutation($input: ArchiveInput!) { archiveVillage(input: $input) { village { id } userErrors { code } } }`;
    expect(
      ok(await api.run(archive, { input: { id: created.id, version: 1 } }, { token: t.dashuibo }))
        .archiveVillage.userErrors,
    ).toEqual([]);
    expect(
      ok(await api.run('{ villages(where: { name: { eq: "归档村" } }) { totalCount } }')).villages.totalCount,
    ).toBe(0);
    expect(ok(await api.run('query($id: ID!) { node(id: $id) { id } }', { id: created.id })).node).toEqual({
      id: created.id,
    });
    const again = ok(
      await api.run(archive, { input: { id: created.id, version: 2 } }, { token: t.dashuibo }),
    ).archiveVillage;
    expect(again.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('adds and removes themes, auditing each change', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '主题村', nameEn: 'Zhuti' } },
        { token: t.admin },
      ),
    ).createVillage.village;
    const set = (name: string) =>
      `mutation($input: VillageThemeInput!) { ${name}(input: $input) { village { themes { code } } userErrors { code field } } }`;
    const added = ok(
      await api.run(
        set('addVillageTheme'),
        { input: { villageId: created.id, themeCode: 'wine' } },
        { token: t.dashuibo },
      ),
    );
    expect(added.addVillageTheme.village.themes).toEqual([{ code: 'wine' }]);
    const unknown = ok(
      await api.run(
        set('addVillageTheme'),
        { input: { villageId: created.id, themeCode: 'golf' } },
        { token: t.dashuibo },
      ),
    );
    expect(unknown.addVillageTheme.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'themeCode', '0'] },
    ]);
    const removed = ok(
      await api.run(
        set('removeVillageTheme'),
        { input: { villageId: created.id, themeCode: 'wine' } },
        { token: t.dashuibo },
      ),
    );
    expect(removed.removeVillageTheme.village.themes).toEqual([]);
    const audits = await api.sql(
      "select operation, changes from audit_log where operation in ('addVillageTheme', 'removeVillageTheme') and object_id = ? order by at",
      [Buffer.from(created.id, 'base64url').toString().split(':')[1]],
    );
    expect(audits.map((a) => [a.operation, a.changes.themes.after])).toEqual([
      ['addVillageTheme', ['wine']],
      ['removeVillageTheme', []],
    ]);
  });
});

describe('the audit trail', () => {
  it('cannot be changed or deleted, even in SQL', async () => {
    await expect(api.sql('update audit_log set operation = ?', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(api.sql('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('auditLog', () => {
  const LOG = `query($where: AuditEntryWhere) { auditLog(first: 100, where: $where) { totalCount nodes { at operation objectType objectId userEmail changes { field before after } } } }`;

  it('shows an object’s history, latest first, to admins and to officials of its region only', async () => {
    const created = ok(
      await api.run(
        CREATE,
        { input: { townId: dashuibo, nameZh: '历史村', nameEn: 'Lishi' } },
        { token: t.dashuibo },
      ),
    ).createVillage.village;
    ok(
      await api.run(
        UPDATE,
        { input: { id: created.id, version: 1, nameEn: 'Lishi Village' } },
        { token: t.dashuibo },
      ),
    );
    const where = { object: { eq: created.id } };
    const history = ok(await api.run(LOG, { where }, { token: t.admin })).auditLog;
    expect(history.nodes.map((n: any) => n.operation)).toEqual(['updateVillage', 'createVillage']);
    expect(history.nodes[0]).toMatchObject({
      objectType: 'Village',
      objectId: created.id,
      userEmail: 'official-dashuibo@tests.example',
      changes: [{ field: 'nameEn', before: 'Lishi', after: 'Lishi Village' }],
    });
    expect(new Date(history.nodes[0].at).getTime()).toBeGreaterThanOrEqual(
      new Date(history.nodes[1].at).getTime(),
    );
    expect(ok(await api.run(LOG, { where }, { token: t.dashuibo })).auditLog.totalCount).toBe(2);
    expect(ok(await api.run(LOG, { where }, { token: t.lidao })).auditLog.totalCount).toBe(0);
    expect((await api.run(LOG, { where }, { token: t.partner })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await api.run(LOG, { where })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by operation, user and time', async () => {
    const all = ok(
      await api.run(LOG, { where: { operation: { eq: 'createVillage' } } }, { token: t.admin }),
    ).auditLog;
    const [{ n }] = await api.sql(
      "select count(*)::int as n from audit_log where operation = 'createVillage'",
    );
    expect(all.totalCount).toBe(n);
    const future = ok(
      await api.run(
        LOG,
        { where: { at: { gte: new Date(Date.now() + 60_000).toISOString() } } },
        { token: t.admin },
      ),
    ).auditLog;
    expect(future.totalCount).toBe(0);
    const mine = ok(
      await api.run(
        LOG,
        { where: { userEmail: { eq: 'official-wendeng@tests.example' } } },
        { token: t.admin },
      ),
    ).auditLog;
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.nodes.every((e: any) => e.userEmail === 'official-wendeng@tests.example')).toBe(true);
  });
});
