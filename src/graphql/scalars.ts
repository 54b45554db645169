import { GraphQLScalarType, Kind } from 'graphql';

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
