import { beforeAll, describe, expect, it } from 'vitest';
import { orderSql, orderTerms } from '../../src/data/cursors.js';
import { MAX_PAGE_SIZE, pageSize } from '../../src/data/list.js';
import { EMPTY_PLAN } from '../../src/data/lookahead.js';
import { selectedAs } from '../../src/data/select.js';
import { raw } from '../../src/data/sql.js';
import { Locale } from '../../src/graphql/locale.js';
import {
  houseTable,
  refused,
  regionTable,
  resolveTablesWithoutDatabase,
  talentTable,
  villageTable,
} from './support.js';

beforeAll(resolveTablesWithoutDatabase);

const termsOf = (o: ReturnType<typeof orderTerms>) => o.terms.map((t) => [t.expr.text, t.direction]);

describe('order terms', () => {
  it('default to the table’s order, in the request’s language, with the id last', () => {
    expect(termsOf(orderTerms(Locale.ZH, villageTable, null))).toEqual([
      ['t.name_zh', 'ASC'],
      ['t.id', 'ASC'],
    ]);
    expect(termsOf(orderTerms(Locale.EN, villageTable, []))).toEqual([
      ['t.name_en', 'ASC'],
      ['t.id', 'ASC'],
    ]);
    expect(termsOf(orderTerms(Locale.ZH, regionTable, undefined))).toEqual([
      ['t.code', 'ASC'],
      ['t.id', 'ASC'],
    ]);
  });

  it('follow the request: direction ASC when not given, the id in the direction of the last term', () => {
    expect(
      termsOf(
        orderTerms(Locale.ZH, talentTable, [
          { field: 'ARRIVED_ON', direction: 'DESC' },
          { field: 'DISPLAY_NAME', direction: null },
        ]),
      ),
    ).toEqual([
      ['t.arrived_on', 'DESC'],
      ['t.display_name', 'ASC'],
      ['t.id', 'ASC'],
    ]);
    expect(termsOf(orderTerms(Locale.ZH, talentTable, [{ field: 'ARRIVED_ON', direction: 'DESC' }]))).toEqual(
      [
        ['t.arrived_on', 'DESC'],
        ['t.id', 'DESC'],
      ],
    );
  });

  it('refuse a field the table is not ordered by', () => {
    refused(
      () => orderTerms(Locale.ZH, villageTable, [{ field: 'FLOOR_AREA' }]),
      'orderBy',
      /Village lists cannot be ordered by FLOOR_AREA/,
    );
  });

  it('order by distance from the point of the where’s near, bound as parameters; none: refused', () => {
    const near = { lat: 30, lng: 120, radiusKm: 5 };
    const { terms } = orderTerms(Locale.ZH, houseTable, [{ field: 'DISTANCE' }], { near });
    expect(terms[0]!.expr.text).toMatch(/^\(2 \* 6371 \* asin\(/);
    expect(terms[0]!.expr.params).toEqual([30, 30, 120]);
    refused(
      () => orderTerms(Locale.ZH, houseTable, [{ field: 'DISTANCE' }], {}),
      'orderBy',
      /needs a `near` point/,
    );
  });

  it('sign each ordering: the same ordering the same signature, any difference another', () => {
    const sign = (...args: Parameters<typeof orderTerms>) => orderTerms(...args).signature;
    const name = sign(Locale.ZH, villageTable, null);
    expect(name).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(sign(Locale.ZH, villageTable, [{ field: 'NAME', direction: 'ASC' }])).toBe(name);
    const others = [
      sign(Locale.EN, villageTable, null),
      sign(Locale.ZH, villageTable, [{ field: 'NAME', direction: 'DESC' }]),
      sign(Locale.ZH, villageTable, [{ field: 'DISTANCE' }], { near: { lat: 30, lng: 120, radiusKm: 5 } }),
      sign(Locale.ZH, villageTable, [{ field: 'DISTANCE' }], { near: { lat: 31, lng: 120, radiusKm: 5 } }),
      sign(Locale.ZH, houseTable, [{ field: 'DISTANCE' }], { near: { lat: 30, lng: 120, radiusKm: 5 } }),
    ];
    expect(new Set([name, ...others]).size).toBe(6);
  });

  it('write ORDER BY with nulls last ascending and first descending, reversed for a backward page', () => {
    const { terms } = orderTerms(Locale.ZH, talentTable, [{ field: 'ARRIVED_ON', direction: 'DESC' }]);
    const exprs = terms.map((t) => t.expr);
    expect(orderSql(exprs, terms, false).text).toBe('t.arrived_on DESC nulls first, t.id DESC nulls first');
    expect(orderSql(exprs, terms, true).text).toBe('t.arrived_on ASC nulls last, t.id ASC nulls last');
  });
});

describe('sort keys read from the select list', () => {
  it('a selected public column is read by its row key; anything else needs a column of its own', () => {
    expect(selectedAs(villageTable, EMPTY_PLAN, raw('t.id'))).toBe('pk');
    expect(selectedAs(villageTable, EMPTY_PLAN, raw('t.name_zh'))).toBe('nameZh');
    expect(
      selectedAs(villageTable, { ...EMPTY_PLAN, columns: ['nameEn'] }, raw('t.name_zh')),
    ).toBeUndefined();
    // A private column may be masked for this viewer: never a sort key.
    expect(selectedAs(talentTable, EMPTY_PLAN, raw('t.full_name'))).toBeUndefined();
    expect(selectedAs(villageTable, EMPTY_PLAN, raw('(select 1)'))).toBeUndefined();
  });
});

describe('page sizes', () => {
  it('first or last, 20 by default, at most MAX_PAGE_SIZE; last pages backward', () => {
    expect(pageSize({})).toEqual({ limit: 20, backward: false });
    expect(pageSize({ first: 0 })).toEqual({ limit: 0, backward: false });
    expect(pageSize({ last: MAX_PAGE_SIZE })).toEqual({ limit: MAX_PAGE_SIZE, backward: true });
  });

  it('refuse both, a negative or fractional size and more than MAX_PAGE_SIZE', () => {
    refused(() => pageSize({ first: 1, last: 1 }), 'first', /either first or last/);
    refused(() => pageSize({ first: -1 }), 'first', /zero or more/);
    refused(() => pageSize({ last: 1.5 }), 'last', /zero or more/);
    refused(() => pageSize({ first: MAX_PAGE_SIZE + 1 }), 'first', /at most 100, got 101/);
  });
});
