import { describe, expect, it } from 'vitest';
import { Aliases, ident, quoteIdent, ROOT, sql } from '../../src/data/sql.js';

describe('SQL fragments', () => {
  it('quote an identifier only when PostgreSQL would not read it unchanged', () => {
    expect(quoteIdent('name_zh')).toBe('name_zh');
    expect(quoteIdent('__total')).toBe('__total');
    expect(quoteIdent('townId')).toBe('"townId"');
    expect(quoteIdent('j0.pk')).toBe('"j0.pk"');
    expect(quoteIdent('$list.Talent.unionMemberships')).toBe('"$list.Talent.unionMemberships"');
    expect(quoteIdent('order')).toBe('"order"');
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(ident('rural_house').text).toBe('rural_house');
    expect(ident('t', 'townId').text).toBe('t."townId"');
  });

  it('generate the aliases of a statement, the same for the same shape', () => {
    const names = () => {
      const aliases = new Aliases();
      return [aliases.next('w'), aliases.next('j'), aliases.next('w')].map((a) => a.text);
    };
    expect(names()).toEqual(['w0', 'j0', 'w1']);
    expect(names()).toEqual(names());
    expect(ROOT.col('town_id').text).toBe('t.town_id');
    expect(new Aliases().next('s').col('nameZh').text).toBe('s0."nameZh"');
  });

  it('bind every value and inline every fragment', () => {
    const w = new Aliases().next('w');
    const fragment = sql`${w.col('code')} = ${'x'} and ${ROOT.col('id')} in (select ${w.col('id')} from ${ident('region')} ${w} where ${w.col('lat')} > ${1})`;
    expect(fragment.text).toBe('w0.code = ? and t.id in (select w0.id from region w0 where w0.lat > ?)');
    expect(fragment.params).toEqual(['x', 1]);
  });
});
