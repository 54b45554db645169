import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/data/statements.js';

describe('prepared statements', () => {
  it('number the placeholders in order and are named after their text, once per text', () => {
    const statement = prepare('select ? as a where t.id = any(?) and t.lat between ? and ?');
    expect(statement.text).toBe('select $1 as a where t.id = any($2) and t.lat between $3 and $4');
    expect(statement.name).toMatch(/^r[A-Za-z0-9_-]{22}$/);
    expect(prepare('select ? as a where t.id = any(?) and t.lat between ? and ?')).toBe(statement);
    expect(prepare('select ? as b').name).not.toBe(statement.name);
  });
});
