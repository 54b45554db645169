import { createHash } from 'node:crypto';
import { badInput } from '../graphql/errors.js';
import type { Locale } from '../graphql/locale.js';
import { type Alias, FALSE, ROOT, raw, Sql, sql } from './sql.js';
import type { Direction, ListArgs, TableSpec } from './table.js';

/*
 * Order terms of lists and their keyset cursors: the terms of an `orderBy` (the id always last), the
 * ORDER BY they write, cursors (the sort keys of a row, signed by the ordering) and the condition
 * of the rows after or before one. No context, no database: unit-tested as they are.
 */

export interface OrderTerm {
  /** A column of `t` or an expression on it; the point of a distance is a bound parameter. */
  expr: Sql;
  direction: Direction;
}

/** Cursor signature of each ordering (a digest of its terms). */
const orderSignatures = new Map<string, string>();

export function orderTerms(locale: Locale, spec: TableSpec, orderBy: ListArgs['orderBy'], where?: unknown) {
  const requested = orderBy && orderBy.length > 0 ? orderBy : spec.defaultOrder;
  const terms: OrderTerm[] = requested.map(({ field, direction }) => {
    const order = spec.orders[field];
    if (!order) throw badInput(`${spec.type} lists cannot be ordered by ${field}`, { field: 'orderBy' });
    const column =
      typeof order === 'function' ? order(locale, where as Record<string, unknown> | undefined) : order;
    // A parenthesised expression is the table spec's own, on alias `t`.
    const expr = column instanceof Sql ? column : column.startsWith('(') ? raw(column) : ROOT.col(column);
    return { expr, direction: direction ?? 'ASC' };
  });
  terms.push({ expr: ROOT.col('id'), direction: terms.at(-1)?.direction ?? 'ASC' });
  // The parameters are part of the ordering: a cursor made for one `near` point is refused for another.
  const text = `${spec.type}|${terms.map((t) => `${t.expr.text}${t.expr.params.length ? JSON.stringify(t.expr.params) : ''}:${t.direction}`).join(',')}`;
  let signature = orderSignatures.get(text);
  if (!signature) {
    signature = createHash('sha1').update(text).digest('base64url').slice(0, 8);
    if (orderSignatures.size > 5000) orderSignatures.clear();
    orderSignatures.set(text, signature);
  }
  return { terms, signature };
}

const flip = (d: Direction): Direction => (d === 'ASC' ? 'DESC' : 'ASC');
export const orderSql = (exprs: readonly Sql[], terms: OrderTerm[], reverse: boolean): Sql =>
  Sql.join(
    exprs.map((e, i) => {
      const d = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
      return sql`${e} ${raw(`${d} nulls ${d === 'ASC' ? 'last' : 'first'}`)}`;
    }),
    ', ',
  );
/** Sort keys read by name from the rows of a subquery aliased `alias` (`s.__k0`, `s."nameZh"`). */
export const named = (alias: Alias, names: readonly string[]) => names.map((n) => alias.col(n));

export function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
}

export function decodeCursor(cursor: string, signature: string, size: number, arg: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== size + 1)
    throw badInput(`${arg} is not a valid cursor`, { field: arg });
  if (parsed[0] !== signature) {
    throw badInput(`${arg} was made for another list or ordering; start again without it`, { field: arg });
  }
  const values = parsed.slice(1);
  // Cursors are made here, so a value of another kind is a forgery: refused before it reaches SQL.
  const scalar = (v: unknown) =>
    v === null ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length <= MAX_CURSOR_TEXT && !v.includes('\0'));
  if (!values.every(scalar) || !UUID.test(String(values.at(-1))))
    throw badInput(`${arg} is not a valid cursor`, { field: arg });
  return values;
}

/** Longest text a cursor carries: a sort key is a name, an address, a date or a number. */
const MAX_CURSOR_TEXT = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns PostgreSQL's "data exception" (SQLSTATE class 22: a date or number it cannot read) of a
 * statement with a cursor into BAD_USER_INPUT: a forged cursor can carry a well-formed text that is
 * not a value of its sort column's type, which only PostgreSQL can tell.
 */
export function refuseMistypedCursor(args: ListArgs) {
  return (error: unknown): never => {
    const code = (error as { code?: unknown }).code;
    const arg = args.after ? 'after' : args.before ? 'before' : undefined;
    if (arg && typeof code === 'string' && code.startsWith('22'))
      throw badInput(`${arg} is not a valid cursor`, { field: arg });
    throw error;
  };
}

/**
 * Rows strictly after `values` in the order of `exprs`/`terms` (nulls sort last ascending, first
 * descending). With `reverse`, strictly before.
 */
export function keyset(exprs: readonly Sql[], terms: OrderTerm[], values: unknown[], reverse: boolean): Sql {
  const branches: Sql[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const parts: Sql[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(values[j] === null ? sql`${exprs[j]!} is null` : sql`${exprs[j]!} = ${values[j]}`);
    }
    const direction = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
    const e = exprs[i]!;
    const v = values[i];
    let after: Sql;
    if (direction === 'ASC') after = v === null ? FALSE : sql`(${e} > ${v} or ${e} is null)`;
    else after = v === null ? sql`${e} is not null` : sql`${e} < ${v}`;
    parts.push(after);
    branches.push(Sql.and(parts)!);
  }
  return Sql.or(branches);
}

/**
 * Cursors of grouped figures (aggregate.ts): the same keyset paging, over the grouped rows. Their sort
 * keys end with the group's keys, unique among the groups, so no id ends them; a cursor names the
 * grouping and its order by `signature` (a digest of `text`).
 */
export const groupCursors = (text: string) => {
  const signature = createHash('sha1').update(text).digest('base64url').slice(0, 8);
  return {
    encode: (values: unknown[]) => encodeCursor(signature, values),
    /** The sort keys `after` carries, refused (BAD_USER_INPUT) unless made here for the same grouping. */
    decode(after: string, size: number): unknown[] {
      const values = readJson(Buffer.from(after, 'base64url').toString('utf8'));
      const valid =
        Array.isArray(values) &&
        values.length === size + 1 &&
        values[0] === signature &&
        values.slice(1).every(isCursorScalar);
      if (!valid) throw badInput('after is not a valid cursor of these grouped figures', { field: 'after' });
      return values.slice(1);
    },
  };
};

/** A value a cursor may carry (see `decodeCursor`): anything else is a forgery. */
const isCursorScalar = (v: unknown) =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= MAX_CURSOR_TEXT && !v.includes('\0'));

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
