import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  keyset,
  type OrderTerm,
  orderTerms,
  refuseMistypedCursor,
} from '../../src/data/cursors.js';
import { Locale } from '../../src/graphql/locale.js';
import { refused, resolveTablesWithoutDatabase, sqlOf, UUID_A, villageTable } from './support.js';

beforeAll(resolveTablesWithoutDatabase);

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  it('decode what encode made: the sort keys of a row, after the ordering’s signature', () => {
    for (const values of [
      ['东村', UUID_A],
      [null, UUID_A],
      [12.5, true, '2021-03-01', UUID_A],
    ]) {
      const cursor = encodeCursor('sig', values);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, 'sig', values.length, 'after')).toEqual(values);
    }
  });

  it('refuse a cursor made for another list or ordering', () => {
    refused(
      () => decodeCursor(encodeCursor('other', ['a', UUID_A]), 'sig', 2, 'before'),
      'before',
      /was made for another list or ordering/,
    );
  });

  it('refuse what they did not make, before it reaches SQL', () => {
    const forged = [
      'not base64 json!',
      base64({ sig: 'x' }),
      base64(['sig', 'a']), // one value short
      base64(['sig', 'a', UUID_A, 'b']), // one value too many
      base64(['sig', { text: 'a' }, UUID_A]), // an object
      base64(['sig', ['a'], UUID_A]), // an array
      base64(['sig', 'x'.repeat(1001), UUID_A]), // longer than any sort key
      base64(['sig', 'a\u0000b', UUID_A]), // a NUL, which PostgreSQL cannot compare
      base64(['sig', 'a', 'not-a-uuid']), // the last key is always the id
      base64(['sig', 'a', 42]),
    ];
    for (const cursor of forged)
      refused(() => decodeCursor(cursor, 'sig', 2, 'after'), 'after', /is not a valid cursor/);
  });

  it('turn PostgreSQL’s data exceptions of a statement with a cursor into BAD_USER_INPUT', () => {
    const mistyped = Object.assign(new Error('invalid input syntax for type date'), { code: '22007' });
    refused(() => refuseMistypedCursor({ after: 'c' })(mistyped), 'after', /is not a valid cursor/);
    refused(() => refuseMistypedCursor({ before: 'c' })(mistyped), 'before');
    // Without a cursor, or another error: passed on as it is.
    expect(() => refuseMistypedCursor({})(mistyped)).toThrow(mistyped);
    const other = Object.assign(new Error('deadlock'), { code: '40P01' });
    expect(() => refuseMistypedCursor({ after: 'c' })(other)).toThrow(other);
  });
});

describe('keyset conditions', () => {
  const byName = (direction: 'ASC' | 'DESC') =>
    orderTerms(Locale.ZH, villageTable, [{ field: 'NAME', direction }]).terms;
  const rowsAfter = (terms: OrderTerm[], values: unknown[], reverse = false) =>
    sqlOf(
      keyset(
        terms.map((t) => t.expr),
        terms,
        values,
        reverse,
      ),
    );

  it('ascending (nulls last): greater, or null, or equal and a greater id', () => {
    expect(rowsAfter(byName('ASC'), ['东村', UUID_A])).toEqual({
      text: '((t.name_zh > ? or t.name_zh is null)) or ((t.name_zh = ?) and ((t.id > ? or t.id is null)))',
      params: ['东村', '东村', UUID_A],
    });
  });

  it('ascending after a null: only nulls with a greater id follow', () => {
    expect(rowsAfter(byName('ASC'), [null, UUID_A])).toEqual({
      text: '(false) or ((t.name_zh is null) and ((t.id > ? or t.id is null)))',
      params: [UUID_A],
    });
  });

  it('descending (nulls first): smaller, or equal and a smaller id; after a null every value follows', () => {
    expect(rowsAfter(byName('DESC'), ['东村', UUID_A])).toEqual({
      text: '(t.name_zh < ?) or ((t.name_zh = ?) and (t.id < ?))',
      params: ['东村', '东村', UUID_A],
    });
    expect(rowsAfter(byName('DESC'), [null, UUID_A])).toEqual({
      text: '(t.name_zh is not null) or ((t.name_zh is null) and (t.id < ?))',
      params: [UUID_A],
    });
  });

  it('before a cursor (reverse) is after it in the opposite direction', () => {
    expect(rowsAfter(byName('ASC'), ['东村', UUID_A], true)).toEqual(
      rowsAfter(byName('DESC'), ['东村', UUID_A]),
    );
    expect(rowsAfter(byName('DESC'), [null, UUID_A], true)).toEqual(rowsAfter(byName('ASC'), [null, UUID_A]));
  });
});
