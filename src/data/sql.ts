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

/** Raw SQL text (identifiers and expressions we own, never user input). */
export const raw = (text: string) => new Sql(text);

/** A text matched literally by LIKE/ILIKE: `\\`, `%` and `_` escaped. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** camelCase name → UPPER_SNAKE enum value (`floorAreaM2` → `FLOOR_AREA_M2`). */
export const upperSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** snake_case column name → camelCase row key. */
export const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
