/** Logs one entry; the API writes one line of JSON per entry. */
export type Logger = (entry: Record<string, unknown>) => void;

/**
 * What a log line may not carry: values people typed (names, phones, e-mails, passwords, tokens).
 * Error messages are where they slip in: the ORM puts the failed statement with its values in its
 * message ("insert into talent … values ('张三', '139…') - …"), PostgreSQL quotes the offending value
 * ("invalid input syntax for type uuid: \"…\"", "Key (email)=(…) already exists"). Ids, codes,
 * table, column and constraint names stay, so a line still tells what failed and where.
 */
const REDACTIONS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Signed tokens (JWTs) and bearer credentials.
  [/(?<![\w-])eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<token>'],
  [/\b(Bearer)\s+\S+/gi, '$1 <token>'],
  // SQL string literals, as the ORM inlines parameters: '…' with '' inside; ids (UUIDs) stay.
  [
    /'(?:[^']|'')*'/g,
    (match) => (/^'[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}'$/i.test(match) ? match : "'?'"),
  ],
  // Values PostgreSQL quotes in its messages; plain lower-case identifiers ("talent") stay.
  [/"([^"\\]|\\.)*"/g, (match) => (/^"[a-z_][a-z0-9_$.]*"$/.test(match) ? match : '"?"')],
  // Unique-violation details: Key (email)=(someone@example.org).
  [/=\((?:[^()]|\([^()]*\))*\)/g, '=(?)'],
  // Anything left that looks like an e-mail address or a phone number.
  // An address has a domain of dotted labels ending in a name of letters, and no '/' or '\\' before
  // its '@': stack frames' paths and package names (node_modules/@mikro-orm/core, graphql@16.15.0) stay.
  // It starts where a word does (the lookbehind): a long run of text is scanned once, not from each
  // of its characters.
  [
    /(?<![^\s@/\\'"<>()=,:;[\]])[^\s@/\\'"<>()=,:;[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}_-])/gu,
    '<e-mail>',
  ],
  [/(?<![\w-])\+?\d[\d ]{6,18}\d(?![\w-])/g, '<number>'],
];

/** `text` without the private values a log line may not carry (see `REDACTIONS`). */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement as string);
  return out;
}

/** Entry keys whose values are never logged, whatever they hold. */
const WITHHELD = new Set(['variables', 'query', 'password', 'token', 'authorization', 'email', 'body']);

/** An entry with its strings redacted and its withheld keys dropped (nested objects too). */
export function redactEntry(entry: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > 4 || !value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !WITHHELD.has(key.toLowerCase()))
        .map(([key, v]) => [key, clean(v, depth + 1)]),
    );
  };
  return clean(entry, 0) as Record<string, unknown>;
}

/** `log`, fed only redacted entries: how the API logs (its logs carry ids, never private values). */
export const redacting =
  (log: Logger): Logger =>
  (entry) =>
    log(redactEntry(entry));

/** One line of JSON on stdout, with the time, redacted. */
export const jsonLogger: Logger = (entry) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), ...redactEntry(entry) }));
