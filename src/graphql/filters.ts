import type { GraphQLScalarType } from 'graphql';
import { type ClassType, Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { getOrMake } from '../lib/maps.js';
import { DecimalScalar, LocalDateScalar } from './scalars.js';

@InputType({ description: 'Conditions on a text field. Text matching ignores case.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to.' })
  eq?: string;
  @Field(() => String, { nullable: true, description: 'Not equal to (null values match).' })
  ne?: string;
  @Field(() => [String], { nullable: true, description: 'One of.' })
  in?: string[];
  @Field(() => [String], { nullable: true, description: 'None of.' })
  notIn?: string[];
  @Field(() => String, { nullable: true, description: 'Contains this text.' })
  contains?: string;
  @Field(() => String, { nullable: true, description: 'Starts with this text.' })
  startsWith?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: has no value; false: has a value.' })
  isNull?: boolean;
}

@InputType({ description: 'Conditions on an object reference, by global id.' })
export class IDFilter {
  @Field(() => ID, { nullable: true, description: 'Equal to.' })
  eq?: string;
  @Field(() => ID, { nullable: true, description: 'Not equal to.' })
  ne?: string;
  @Field(() => [ID], { nullable: true, description: 'One of.' })
  in?: string[];
  @Field(() => [ID], { nullable: true, description: 'None of.' })
  notIn?: string[];
  @Field(() => Boolean, { nullable: true, description: 'true: no reference; false: has one.' })
  isNull?: boolean;
}

@InputType({ description: 'Conditions on a yes/no field.' })
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true, description: 'Equal to.' })
  eq?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Not equal to.' })
  ne?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'true: has no value; false: has a value.' })
  isNull?: boolean;
}

/** Comparison filters (eq/ne/in/notIn/lt/lte/gt/gte/isNull) over a scalar. */
function comparisonFilter<T>(scalar: () => GraphQLScalarType, name: string, what: string) {
  @InputType(name, { description: `Conditions on ${what}.` })
  class Filter {
    @Field(scalar, { nullable: true, description: 'Equal to.' })
    eq?: T;
    @Field(scalar, { nullable: true, description: 'Not equal to (null values match).' })
    ne?: T;
    @Field(() => [scalar()], { nullable: true, description: 'One of.' })
    in?: T[];
    @Field(() => [scalar()], { nullable: true, description: 'None of.' })
    notIn?: T[];
    @Field(scalar, { nullable: true, description: 'Less than.' })
    lt?: T;
    @Field(scalar, { nullable: true, description: 'Less than or equal to.' })
    lte?: T;
    @Field(scalar, { nullable: true, description: 'Greater than.' })
    gt?: T;
    @Field(scalar, { nullable: true, description: 'Greater than or equal to.' })
    gte?: T;
    @Field(() => Boolean, { nullable: true, description: 'true: has no value; false: has a value.' })
    isNull?: boolean;
  }
  return Filter;
}

export const DecimalFilter = comparisonFilter<string>(
  () => DecimalScalar,
  'DecimalFilter',
  'an exact decimal',
);
export const DateFilter = comparisonFilter<string>(
  () => LocalDateScalar,
  'DateFilter',
  'a date (YYYY-MM-DD)',
);

const enumFilters = new WeakMap<object, ClassType>();
const enumNames = new WeakMap<object, string>();

/** Registers an enum of the schema (`registerEnumType`); its `where` filter is then `EnumFilter(values)`. */
export function registerEnum(values: object, options: { name: string; description: string }) {
  registerEnumType(values, options);
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

function enumFilter<E extends object>(values: E, name: string) {
  @InputType(`${name}Filter`, { description: `Conditions on a ${name} value.` })
  class Filter {
    @Field(() => values, { nullable: true, description: 'Equal to.' })
    eq?: string;
    @Field(() => values, { nullable: true, description: 'Not equal to (null values match).' })
    ne?: string;
    @Field(() => [values], { nullable: true, description: 'One of.' })
    in?: string[];
    @Field(() => [values], { nullable: true, description: 'None of.' })
    notIn?: string[];
    @Field(() => Boolean, { nullable: true, description: 'true: has no value; false: has a value.' })
    isNull?: boolean;
  }
  return Filter;
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
