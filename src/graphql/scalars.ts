import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { MIN_YEAR, parseIsoDate } from '../lib/dates.js';

const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError('Decimal given as a JSON number must be an integer; send fractions as a string');
  }
  if (!DECIMAL.test(text)) throw new TypeError(`"${String(value)}" is not a decimal number`);
  return text;
}

/** An exact decimal number, sent and received as a string ("1250000.00"); never a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, sent and received as a string such as "1250000.00"; never a float.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseDecimal(ast.value);
    throw new TypeError('Decimal must be a string such as "1250000.00"');
  },
});

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError('LocalDate must be a string such as "2021-03-11"');
  const parsed = parseIsoDate(value);
  if ('error' in parsed) throw new TypeError(`"${value}" is not a valid date: ${parsed.error}`);
  return parsed.date;
}

/**
 * A calendar day, YYYY-MM-DD, from 1900 on (graphql-scalars' LocalDate with a lower bound: it takes
 * `0099-12-31` for the year 99, which is never meant here).
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: `A calendar day in \`YYYY-MM-DD\` format, e.g. \`2020-01-01\`; from ${MIN_YEAR} on.`,
  serialize: (value) => GraphQLLocalDate.serialize(value) as string,
  parseValue: parseLocalDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('LocalDate must be a string such as "2021-03-11"');
    return parseLocalDate(ast.value);
  },
});
