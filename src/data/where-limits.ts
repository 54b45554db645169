import type { WhereLimits } from '../config.js';
import { badInput } from '../graphql/errors.js';

/**
 * The operators of field filters (StringFilter, DecimalFilter, …). A `where` object whose keys are all
 * operators is a field filter; one whose keys are `some`/`none`/`every` is a to-many relation
 * filter; any other object is a nested `where` (a to-one relation). No `where` input has a field of
 * these names (test/input-limits.test.ts checks the schema), so the shape alone tells them apart.
 */
export const OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'isNull',
]);
const RELATION = new Set(['some', 'none', 'every']);
/** Fields of the `near` filter: one condition, numbers checked by compileWhere. */
const NEAR = 'near';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface Walk {
  limits: WhereLimits;
  conditions: number;
}

function refuse(field: string, message: string, limit: string, max: number): never {
  throw badInput(`${field} ${message}; the limit is ${max} (${limit})`, { field, limit, max });
}

function checkString(walk: Walk, value: unknown, field: string) {
  if (typeof value !== 'string') return;
  if (value.length > walk.limits.maxStringLength)
    refuse(
      field,
      `is ${value.length} characters long`,
      'WHERE_MAX_STRING_LENGTH',
      walk.limits.maxStringLength,
    );
  if (value.includes('\0')) throw badInput(`${field} contains a NUL character`, { field });
}

function countCondition(walk: Walk, field: string) {
  walk.conditions++;
  if (walk.conditions > walk.limits.maxConditions)
    refuse(
      field,
      `is condition ${walk.conditions} of this where`,
      'WHERE_MAX_CONDITIONS',
      walk.limits.maxConditions,
    );
}

function operators(walk: Walk, ops: Record<string, unknown>, field: string) {
  for (const [op, value] of Object.entries(ops)) {
    if (value === undefined || value === null) continue;
    const at = `${field}.${op}`;
    countCondition(walk, at);
    if (Array.isArray(value)) {
      if (value.length > walk.limits.maxListSize)
        refuse(at, `lists ${value.length} values`, 'WHERE_MAX_LIST_SIZE', walk.limits.maxListSize);
      value.forEach((v, i) => {
        checkString(walk, v, `${at}[${i}]`);
      });
    } else checkString(walk, value, at);
  }
}

function nested(walk: Walk, where: unknown, field: string, depth: number) {
  if (depth > walk.limits.maxDepth)
    refuse(field, 'nests and/or/not and relation filters too deep', 'WHERE_MAX_DEPTH', walk.limits.maxDepth);
  check(walk, where, field, depth);
}

function check(walk: Walk, where: unknown, path: string, depth: number) {
  if (!isObject(where)) return;
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined || value === null) continue;
    const field = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      // GraphQL accepts one object where a list is expected.
      const list = Array.isArray(value) ? value : [value];
      if (list.length > walk.limits.maxConditions)
        refuse(field, `lists ${list.length} conditions`, 'WHERE_MAX_CONDITIONS', walk.limits.maxConditions);
      list.forEach((w, i) => {
        nested(walk, w, `${field}[${i}]`, depth + 1);
      });
    } else if (key === 'not') {
      nested(walk, value, field, depth + 1);
    } else if (key === NEAR) {
      countCondition(walk, field);
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      if (keys.every((k) => OPERATORS.has(k))) operators(walk, value, field);
      else if (keys.every((k) => RELATION.has(k))) {
        for (const mode of keys) nested(walk, value[mode], `${field}.${mode}`, depth + 1);
      } else nested(walk, value, field, depth + 1);
    }
  }
}

/**
 * Refuses a `where` input larger than `limits` (BAD_USER_INPUT naming the field path, the limit and
 * its variable): long filter texts, long `in` lists, deep nesting of `and`/`or`/`not` and relation
 * filters, too many conditions; and texts holding a NUL character, which PostgreSQL cannot store or
 * compare. One pass over the input, before any SQL is built.
 */
export function checkWhere(where: unknown, limits: WhereLimits, path = 'where'): void {
  check({ limits, conditions: 0 }, where, path, 0);
}
