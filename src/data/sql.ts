/** A fragment of SQL text with `?` placeholders and its parameters, composed without string-pasting values. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[] = [],
  ) {}

  /** Joins fragments with a separator (" and ", ", " …). */
  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(
      parts.map((p) => p.text).join(separator),
      parts.flatMap((p) => p.params),
    );
  }

  static and(parts: readonly (Sql | null | undefined)[]): Sql | null {
    const present = parts.filter((p): p is Sql => !!p);
    if (present.length === 0) return null;
    if (present.length === 1) return present[0]!;
    return new Sql(`(${Sql.join(present, ') and (').text})`, Sql.join(present, '').params);
  }

  static or(parts: readonly Sql[]): Sql {
    if (parts.length === 0) return FALSE;
    if (parts.length === 1) return parts[0]!;
    return new Sql(`(${Sql.join(parts, ') or (').text})`, Sql.join(parts, '').params);
  }
}

export const TRUE = new Sql('true');
export const FALSE = new Sql('false');

/** Builds a fragment from a template: interpolated Sql values are inlined, anything else becomes a parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new Sql(text, params);
}

/** Raw SQL text (expressions we own, never user input); names go through `ident`, values are parameters. */
export const raw = (text: string) => new Sql(text);

/** An empty fragment. */
export const EMPTY = new Sql('');

/**
 * PostgreSQL's reserved key words (those that cannot name a column without quotes): an identifier
 * spelled as one is quoted.
 */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate ' +
    'collation column concurrently constraint create cross current_catalog current_date current_role ' +
    'current_schema current_time current_timestamp current_user default deferrable desc distinct do else ' +
    'end except false fetch for foreign freeze from full grant group having ilike in initially inner ' +
    'intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not ' +
    'notnull null offset on only or order outer overlaps placing primary references returning right ' +
    'select session_user similar some symmetric system_user table tablesample then to trailing true union ' +
    'unique user using variadic verbose when where window with'
  ).split(' '),
);
const PLAIN = /^[a-z_][a-z0-9_]*$/;

/**
 * An identifier (a table, column, alias or output name) as SQL text, the one way names enter a
 * statement: as it is when PostgreSQL reads it unchanged (`name_zh`), else double-quoted (`"townId"`,
 * `"j0.pk"`, `"order"`), a `"` doubled.
 */
export function quoteIdent(name: string): string {
  return PLAIN.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A qualified identifier as a fragment: `ident('village')`, `ident('t', 'town_id')` → `t.town_id`. */
export const ident = (...names: string[]) => new Sql(names.map(quoteIdent).join('.'));

/** A table alias of one statement (`t`, `w0`, `j1`, …), as a fragment; `col` names a column on it. */
export class Alias extends Sql {
  constructor(readonly name: string) {
    super(quoteIdent(name));
  }

  /** The column `column` of the aliased table: `t.town_id`. */
  col(column: string): Sql {
    return new Sql(`${this.text}.${quoteIdent(column)}`);
  }
}

/**
 * The aliases of one statement, generated: `next('w')` gives `w0`, then `w1`, … (a counter per
 * prefix). The same query shape gets the same aliases, so its text (and prepared statement) is the
 * same on every request.
 */
export class Aliases {
  private readonly counts = new Map<string, number>();

  next(prefix: string): Alias {
    const n = this.counts.get(prefix) ?? 0;
    this.counts.set(prefix, n + 1);
    return new Alias(`${prefix}${n}`);
  }
}

/**
 * The alias of the table a statement reads: `t`. Table specs' SQL expressions (computed fields,
 * group dimensions, orders, parent links) refer to their row's table by it.
 */
export const ROOT = new Alias('t');

/** A text matched literally by LIKE/ILIKE: `\\`, `%` and `_` escaped. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** camelCase name → UPPER_SNAKE enum value (`floorAreaM2` → `FLOOR_AREA_M2`). */
export const upperSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** snake_case column name → camelCase row key. */
export const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
