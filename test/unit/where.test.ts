import { beforeAll, describe, expect, it } from 'vitest';
import type { TableSpec } from '../../src/data/table.js';
import { compileWhere } from '../../src/data/where.js';
import { toGlobalId } from '../../src/graphql/ids.js';
import { anonymous, type Viewer } from '../../src/graphql/viewer.js';
import {
  admin,
  houseTable,
  investmentTable,
  refused,
  resolveTablesWithoutDatabase,
  sqlOf,
  UUID_A,
  villageTable,
} from './support.js';

beforeAll(resolveTablesWithoutDatabase);

const where = (table: TableSpec, input: unknown, viewer: Viewer = anonymous) =>
  sqlOf(compileWhere(viewer, table, 't', input));

describe('compileWhere: operators on values', () => {
  it('binds every value as a parameter, conditions of one field joined by and', () => {
    expect(where(villageTable, { isSpecialty: { eq: true } })).toEqual({
      text: 't.is_specialty = ?',
      params: [true],
    });
    expect(where(houseTable, { floorAreaM2: { gte: '100', lt: '150.5' } })).toEqual({
      text: '(t.floor_area_m2 >= ?) and (t.floor_area_m2 < ?)',
      params: ['100', '150.5'],
    });
    expect(where(houseTable, { floorAreaM2: { gt: '1', lte: '2' } })).toEqual({
      text: '(t.floor_area_m2 > ?) and (t.floor_area_m2 <= ?)',
      params: ['1', '2'],
    });
  });

  it('matches a field of several columns (a name in Chinese or English) on any of them', () => {
    expect(where(villageTable, { name: { eq: '东村' } })).toEqual({
      text: '(t.name_zh = ?) or (t.name_en = ?)',
      params: ['东村', '东村'],
    });
  });

  it('negates ne and notIn so that a null column counts as different', () => {
    expect(where(houseTable, { currentUse: { ne: 'HOMESTAY' } })).toEqual({
      text: 'not coalesce(t.current_use = ?, false)',
      params: ['HOMESTAY'],
    });
    expect(where(houseTable, { status: { notIn: ['IDLE'] } })).toEqual({
      text: 'not coalesce(t.status = any(?), false)',
      params: [['IDLE']],
    });
  });

  it('binds an in list as one array; an empty in matches nothing, an empty notIn everything', () => {
    expect(where(houseTable, { status: { in: ['IDLE', 'IN_USE'] } })).toEqual({
      text: 't.status = any(?)',
      params: [['IDLE', 'IN_USE']],
    });
    expect(where(houseTable, { status: { in: [] } })).toEqual({ text: 'false', params: [] });
    expect(where(houseTable, { status: { notIn: [] } })).toEqual({ text: 'true', params: [] });
  });

  it('escapes LIKE wildcards and the escape character in contains and startsWith', () => {
    // An address in either language: the Chinese column or the English one.
    expect(where(houseTable, { address: { contains: '50%_a\\b' } })).toEqual({
      text: '(t.address ilike ?) or (t.address_en ilike ?)',
      params: ['%50\\%\\_a\\\\b%', '%50\\%\\_a\\\\b%'],
    });
    expect(where(houseTable, { address: { startsWith: '东_' } })).toEqual({
      text: '(t.address ilike ?) or (t.address_en ilike ?)',
      params: ['东\\_%', '东\\_%'],
    });
  });

  it('isNull: every column null, or any column not null', () => {
    expect(where(villageTable, { name: { isNull: true } })).toEqual({
      text: '(t.name_zh is null) and (t.name_en is null)',
      params: [],
    });
    expect(where(villageTable, { name: { isNull: false } })).toEqual({
      text: '(t.name_zh is not null) or (t.name_en is not null)',
      params: [],
    });
  });

  it('leaves out absent operators and fields; no condition at all is null', () => {
    expect(where(villageTable, { isSpecialty: { eq: null, ne: undefined } })).toBeNull();
    expect(where(villageTable, { isSpecialty: null })).toBeNull();
    expect(where(villageTable, {})).toBeNull();
    expect(where(villageTable, null)).toBeNull();
    expect(where(villageTable, undefined)).toBeNull();
  });

  it('refuses an unknown field or operator, naming its path', () => {
    refused(
      () => where(villageTable, { nope: { eq: 1 } }),
      'where.nope',
      /Village cannot be filtered by nope/,
    );
    refused(() => where(villageTable, { and: [{}, { nope: { eq: 1 } }] }), 'where.and[1].nope');
    refused(() => where(villageTable, { name: { like: 'x' } }), 'where.name', /unknown operator like/);
  });
});

describe('compileWhere: ids', () => {
  it('compares global ids by their key, and refuses ids of another type', () => {
    expect(where(villageTable, { id: { in: [toGlobalId('Village', UUID_A)] } })).toEqual({
      text: 't.id = any(?)',
      params: [[UUID_A]],
    });
    refused(
      () => where(villageTable, { id: { eq: toGlobalId('Talent', UUID_A) } }),
      'where.id',
      /is not the id of a Village/,
    );
    refused(() => where(villageTable, { id: { eq: 'garbage' } }), 'where.id');
  });

  it('compares an id of any type by its key (fabricated spec: no table has such a filter)', () => {
    const audit = {
      type: 'Audit',
      table: 'audit_log',
      filters: { subject: { kind: 'anyId', column: 'subject_id' } },
    } as unknown as TableSpec;
    expect(where(audit, { subject: { eq: toGlobalId('Talent', UUID_A) } })).toEqual({
      text: 't.subject_id = ?',
      params: [UUID_A],
    });
    refused(() => where(audit, { subject: { eq: 'garbage' } }), 'where.subject', /not a valid id/);
  });
});

describe('compileWhere: and, or, not', () => {
  it('parenthesises every part; an empty and is true, an empty or false', () => {
    expect(
      where(villageTable, {
        and: [{ isSpecialty: { eq: true } }, {}],
        or: [],
        not: { name: { startsWith: 'A' } },
      }),
    ).toEqual({
      text: '((t.is_specialty = ?) and (true)) and (false) and (not coalesce((t.name_zh ilike ?) or (t.name_en ilike ?), false))',
      params: [true, 'A%', 'A%'],
    });
    expect(
      where(villageTable, { or: [{ isSpecialty: { eq: true } }, { isSpecialty: { eq: false } }] }),
    ).toEqual({
      text: '(t.is_specialty = ?) or (t.is_specialty = ?)',
      params: [true, false],
    });
    expect(where(villageTable, { not: {} })).toBeNull();
  });
});

describe('compileWhere: relations', () => {
  it('to one: the key is among the matching targets, with the target row scope', () => {
    expect(where(villageTable, { town: { code: { eq: 'dashuibo' } } })).toEqual({
      text: 't.town_id in (select w0.id from region w0 where w0.code = ?)',
      params: ['dashuibo'],
    });
    // Talents the caller may not see match no filter on them; an admin sees all.
    expect(where(investmentTable, { attributedTo: { displayName: { eq: 'A' } } })).toEqual({
      text: 't.attributed_talent_id in (select w0.id from talent w0 where (w0.public_profile) and (w0.display_name = ?))',
      params: ['A'],
    });
    expect(where(investmentTable, { attributedTo: {} })?.text).toBe(
      't.attributed_talent_id in (select w0.id from talent w0 where w0.public_profile)',
    );
    expect(where(investmentTable, { attributedTo: {} }, admin)).toBeNull();
  });

  it('to many through a link table: some, none and every, each with aliases of its own', () => {
    expect(
      where(villageTable, {
        themes: { some: { code: { eq: 'tea' } }, none: {}, every: { code: { eq: 'wine' } } },
      }),
    ).toEqual({
      text:
        '(exists (select 1 from village_theme w1 join theme w0 on w0.id = w1.theme_id where (w1.village_id = t.id) and (w0.code = ?)))' +
        ' and (not exists (select 1 from village_theme w3 join theme w2 on w2.id = w3.theme_id where w3.village_id = t.id))' +
        ' and (not exists (select 1 from village_theme w5 join theme w4 on w4.id = w5.theme_id where (w5.village_id = t.id) and (not coalesce(w4.code = ?, false))))',
      params: ['tea', 'wine'],
    });
  });

  it('to many: a condition that is an or stays within the row’s relation', () => {
    expect(where(villageTable, { themes: { some: { name: { eq: 'Tea' } } } })?.text).toBe(
      'exists (select 1 from village_theme w1 join theme w0 on w0.id = w1.theme_id where (w1.village_id = t.id) and ((w0.name_zh = ?) or (w0.name_en = ?)))',
    );
  });

  it('to many by a key of the targets (fabricated spec: no table has such a filter)', () => {
    const village = {
      type: 'Village',
      table: 'village',
      filters: { houses: { kind: 'many', target: () => houseTable, fk: 'village_id' } },
    } as unknown as TableSpec;
    expect(where(village, { houses: { some: { status: { eq: 'IDLE' } } } })).toEqual({
      text: 'exists (select 1 from rural_house w0 where (w0.village_id = t.id) and (w0.status = ?))',
      params: ['IDLE'],
    });
    expect(where(village, { houses: { every: {} } })?.text).toBe(
      'not exists (select 1 from rural_house w0 where (w0.village_id = t.id) and (false))',
    );
  });
});

describe('compileWhere: near', () => {
  it('a bounding box, then the great-circle distance; the point is bound, never in the text', () => {
    const a = where(villageTable, { near: { lat: 30, lng: 120, radiusKm: 5 } })!;
    const b = where(villageTable, { near: { lat: -12.5, lng: 7, radiusKm: 100 } })!;
    expect(a.text).toBe(b.text);
    expect(a.text).toMatch(
      /^t\.lat between \? and \? and t\.lng between \? and \? and \(2 \* 6371 \* asin\(/,
    );
    const [latMin, latMax, lngMin, lngMax, ...rest] = a.params as number[];
    expect(latMin).toBeCloseTo(30 - 5 / 111.32, 10);
    expect(latMax).toBeCloseTo(30 + 5 / 111.32, 10);
    expect(lngMax! - lngMin!).toBeCloseTo((2 * 5) / (111.32 * Math.cos(Math.PI / 6)), 10);
    expect(rest).toEqual([30, 30, 120, 5]);
  });

  it('refuses a point off the globe or a radius out of bounds', () => {
    for (const near of [
      { lat: 91, lng: 0, radiusKm: 1 },
      { lat: 0, lng: -181, radiusKm: 1 },
      { lat: 0, lng: 0, radiusKm: 0 },
      { lat: 0, lng: 0, radiusKm: 20001 },
    ]) {
      refused(() => where(villageTable, { near }), 'where.near', /near needs lat within/);
    }
  });
});
