import { MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFieldPlacement } from '../src/data/lookahead.js';
import { makeRegistry, registry } from '../src/data/registry.js';
import { buildRegistry } from '../src/data/startup.js';
import { listedBy, type TableSpec, targetsOf } from '../src/data/table.js';
import { ormOptions } from '../src/db/orm.js';
import { Locale } from '../src/graphql/locale.js';
import { getSchema } from '../src/graphql/schema.js';
import { auditTable } from '../src/modules/audit/audit.service.js';
import { houseTable, leaseTable } from '../src/modules/house/house.service.js';
import { modules } from '../src/modules/index.js';
import { investmentTable } from '../src/modules/investment/investment.service.js';
import { villageTable } from '../src/modules/village/village.service.js';

/**
 * Table specs say only what the entities do not: table names, columns, column names and relations
 * come from MikroORM's metadata (discovered here without a connection), and a resolver field the
 * read engine cannot place stops the start.
 */
const metadata = MikroORM.initSync(ormOptions('postgresql://offline@127.0.0.1:1/none')).getMetadata();
beforeAll(async () => {
  await getSchema();
  buildRegistry(modules, metadata);
});

describe('the registry built from the modules', () => {
  it('holds every module’s tables as node types and its lists read along', () => {
    expect([...registry().nodes.keys()].sort()).toEqual(
      modules.flatMap((m) => (m.tables ?? []).map((t) => t.type)).sort(),
    );
    expect(registry().nodes.get('Village')).toBe(villageTable);
    expect(registry().lists.get('Region.villages')?.target).toBe(villageTable);
    expect(registry().lists.size).toBe(modules.flatMap((m) => m.lists ?? []).length);
    expect(registry().placed).toBe(true);
  });

  it('refuses what two modules declare, and a list whose items no module’s table holds', () => {
    const village = modules.find((m) => m.name === 'village')!;
    expect(() => makeRegistry([...modules, { name: 'again', tables: [villageTable] }], metadata)).toThrow(
      'two table specs for the entity Village',
    );
    expect(() => makeRegistry([...modules, { name: 'again', lists: village.lists }], metadata)).toThrow(
      'Region.villages is read along twice (modules village and again)',
    );
    expect(() => makeRegistry([{ name: 'alone', lists: village.lists }], metadata)).toThrow(
      'Region.villages (module alone) lists Village, a table of no module',
    );
  });
});

describe('table specs derived from the entities', () => {
  it('reads table, columns and column names from the entity', () => {
    expect(villageTable.table).toBe('village');
    expect([...villageTable.columns].sort()).toEqual(
      [
        'townId',
        'nameZh',
        'nameEn',
        'descriptionZh',
        'descriptionEn',
        'isSpecialty',
        'lat',
        'lng',
        'photos',
        'slug',
        'version',
      ].sort(),
    );
    expect(villageTable.archivable).toBe(true);
    expect(houseTable.table).toBe('rural_house');
    expect(houseTable.columns).not.toContain('ownerHousehold');
    expect(houseTable.privateColumns).toEqual(['ownerHousehold']);
    expect(houseTable.columnOf.floorAreaM2).toBe('floor_area_m2');
    expect(houseTable.columnOf.ownerHousehold).toBe('owner_household');
    expect(auditTable.table).toBe('audit_log');
    expect(auditTable.archivable).toBe(false);
  });

  it('maps filters and orders named by property to their columns and relations', () => {
    expect(villageTable.filters.name).toEqual({ kind: 'value', columns: ['name_zh', 'name_en'] });
    expect(villageTable.filters.isSpecialty).toEqual({ kind: 'value', columns: ['is_specialty'] });
    expect(villageTable.filters.id).toEqual({ kind: 'id', column: 'id', type: 'Village' });
    const town = villageTable.filters.town;
    expect(town?.kind === 'one' && [town.column, town.key, town.target().type]).toEqual([
      'town_id',
      'townId',
      'Region',
    ]);
    const themes = villageTable.filters.themes;
    expect(themes?.kind === 'many' && [themes.via, themes.target().type]).toEqual([
      { table: 'village_theme', self: 'village_id', other: 'theme_id' },
      'Theme',
    ]);
    const attributed = investmentTable.filters.attributedTo;
    expect(attributed?.kind === 'one' && attributed.column).toBe('attributed_talent_id');
    expect(auditTable.filters.object).toEqual({ kind: 'anyId', column: 'object_id' });
    expect(houseTable.orders.FLOOR_AREA).toBe('floor_area_m2');
    const name = villageTable.orders.NAME;
    expect(typeof name === 'function' && [name(Locale.ZH, undefined), name(Locale.EN, undefined)]).toEqual([
      'name_zh',
      'name_en',
    ]);
    expect(leaseTable.relations.lesseeOrganization).toMatchObject({
      kind: 'one',
      column: 'lessee_organization_id',
    });
  });

  it('derives the links of nested lists from the same relations', () => {
    expect({ ...listedBy(villageTable, 'town') }).toEqual({ expr: 't.town_id' });
    expect({ ...listedBy(leaseTable, 'house', 'true') }).toEqual({ expr: 't.house_id', condition: 'true' });
    expect({ ...listedBy(villageTable, 'themes') }).toEqual({
      expr: 'l.theme_id',
      join: 'join village_theme l on l.village_id = t.id',
    });
    expect({ ...targetsOf(villageTable, 'themes') }).toEqual({
      expr: 'l.village_id',
      join: 'join village_theme l on l.theme_id = t.id',
    });
    expect(() => listedBy(villageTable, 'nothing')).toThrow(/Village: nothing is no relation of Village/);
  });
});

describe('a resolver field the read engine cannot place', () => {
  const spec = {
    type: 'Fake',
    table: 'fake',
    columns: ['nameZh', 'nameEn', 'lat', 'lng', 'code'],
    columnOf: { nameZh: 'name_zh', nameEn: 'name_en', lat: 'lat', lng: 'lng', code: 'code' },
    relations: {},
    filters: {},
    orders: {},
    archivable: true,
    fieldColumns: { label: ['code'] },
    defaultOrder: [],
  } as unknown as TableSpec;

  it('is a start-up error naming Type.field and what to declare', () => {
    expect(() =>
      checkFieldPlacement({ tables: new Map([[spec.entity, spec]]), lists: new Map() }, () => [
        'label',
        'name',
        'location',
        'extra',
      ]),
    ).toThrow(/cannot place Fake\.extra: declare the row keys each reads in its table spec's fieldColumns/);
  });

  it('passes when every resolver field is declared, common, a relation, computed or a list', () => {
    expect(() =>
      checkFieldPlacement({ tables: new Map([[spec.entity, spec]]), lists: new Map() }, () => [
        'label',
        'name',
        'location',
      ]),
    ).not.toThrow();
  });
});
