import type { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { type ClassType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { valueDescriptions } from '../db/enum.js';
import { getOrMake } from '../lib/maps.js';
import { DecimalScalar, LocalDateScalar } from './scalars.js';

/** The GraphQL type of a filter's values. */
type ValueType = GraphQLScalarType | typeof String | typeof Boolean | object;

/** The operators of field filters, each with its description, given the type of the values compared. */
const OPERATORS = {
  eq: (t: ValueType) => [t, 'Equal to.'],
  ne: (t: ValueType) => [t, 'Not equal to (null values match).'],
  in: (t: ValueType) => [[t], 'One of.'],
  notIn: (t: ValueType) => [[t], 'None of.'],
  lt: (t: ValueType) => [t, 'Less than.'],
  lte: (t: ValueType) => [t, 'Less than or equal to.'],
  gt: (t: ValueType) => [t, 'Greater than.'],
  gte: (t: ValueType) => [t, 'Greater than or equal to.'],
  contains: () => [String, 'Contains this text.'],
  startsWith: () => [String, 'Starts with this text.'],
  isNull: () => [Boolean, 'true: has no value; false: has a value.'],
} satisfies Record<string, (t: ValueType) => [ValueType | ValueType[], string]>;
type Operator = keyof typeof OPERATORS;

/** Operators that compare values: equality, lists, order. */
const EQUALITY: Operator[] = ['eq', 'ne', 'in', 'notIn', 'isNull'];
const COMPARISON: Operator[] = [...EQUALITY, 'lt', 'lte', 'gt', 'gte'];

/** A filter input `name` with `operators` on values of `type` (their SQL is data/where.ts's). */
function filterInput(name: string, description: string, type: ValueType, operators: Operator[]) {
  class Filter {}
  Object.defineProperty(Filter, 'name', { value: name });
  for (const op of operators) {
    const [fieldType, about] = OPERATORS[op](type);
    Field(() => fieldType, { nullable: true, description: about })(Filter.prototype, op);
  }
  InputType(name, { description })(Filter);
  return Filter as ClassType<{ [op in Operator]?: unknown }>;
}

export const StringFilter = filterInput(
  'StringFilter',
  'Conditions on a text field. Text matching ignores case.',
  String,
  [...EQUALITY, 'contains', 'startsWith'],
);
export const IDFilter = filterInput(
  'IDFilter',
  'Conditions on an object reference, by global id.',
  ID,
  EQUALITY,
);
export const BooleanFilter = filterInput('BooleanFilter', 'Conditions on a yes/no field.', Boolean, [
  'eq',
  'ne',
  'isNull',
]);
export const DecimalFilter = filterInput(
  'DecimalFilter',
  'Conditions on an exact decimal.',
  DecimalScalar,
  COMPARISON,
);
export const DateFilter = filterInput(
  'DateFilter',
  'Conditions on a date (YYYY-MM-DD).',
  LocalDateScalar,
  COMPARISON,
);
/** Conditions on a timestamp: a range. */
export const DateTimeFilter = filterInput(
  'DateTimeFilter',
  'Conditions on the same timestamp.',
  GraphQLDateTimeISO,
  ['gte', 'lt'],
);
export type StringFilter = InstanceType<typeof StringFilter>;
export type IDFilter = InstanceType<typeof IDFilter>;

const enumFilters = new WeakMap<object, ClassType>();
const enumNames = new WeakMap<object, string>();

/**
 * Registers an enum of the schema (`registerEnumType`), its values described by their labels
 * (`enumOf`, db/enum.ts); its `where` filter is then `EnumFilter(values)`.
 */
export function registerEnum(values: object, options: { name: string; description: string }) {
  registerEnumType(values, { ...options, valuesConfig: valueDescriptions(values) });
  enumNames.set(values, options.name);
}

/**
 * Conditions on an enum field: eq/ne/in/notIn, as `<name>Filter` (by default the name the enum was
 * registered with by `registerEnum`); one input type per enum, however often asked for.
 */
export function EnumFilter<E extends object>(values: E, name = enumNames.get(values)): ClassType {
  return getOrMake(enumFilters, values, () => {
    if (!name) throw new Error('EnumFilter of an enum not registered with registerEnum');
    return enumFilter(values, name);
  });
}

function enumFilter(values: object, name: string) {
  return filterInput(`${name}Filter`, `Conditions on a ${name} value.`, values, EQUALITY);
}

@InputType({ description: 'Within a distance of a point (great-circle, WGS 84).' })
export class NearFilter {
  @Field(() => Float, { description: 'Latitude of the centre.' })
  lat: number;
  @Field(() => Float, { description: 'Longitude of the centre.' })
  lng: number;
  @Field(() => Float, { description: 'Radius in kilometres (at most 20000).' })
  radiusKm: number;
}
