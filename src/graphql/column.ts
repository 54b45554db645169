import { Enum, Property, type PropertyOptions } from '@mikro-orm/core';
import { GraphQLScalarType } from 'graphql';
import { Field, type FieldOptions, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from './scalars.js';

/** The ORM type of a column holding values of each GraphQL scalar that maps to exactly one. */
const ORM_TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Int, 'integer'],
  [Boolean, 'boolean'],
  [LocalDateScalar, 'date'],
  [DecimalScalar, 'decimal'],
]);

/** What the field's type does not say about its column: its name, uniqueness, a decimal's digits. */
export type ColumnOptions = Pick<PropertyOptions<object>, 'fieldName' | 'unique' | 'precision' | 'scale'>;

/**
 * A column the API shows as a field of the entity's object type: `@Field(type, field)`, and the
 * ORM property its type maps to, nullable when the field is. String → string, Int → integer,
 * Boolean → boolean, LocalDate → date, Decimal → decimal (`precision` and `scale` required),
 * a registered enum → `@Enum` of its values stored as text, a list of strings or enum values →
 * text[]. Columns the API does not show are plain `@Property`s.
 */
export function Column(
  type: () => object,
  field: FieldOptions & { description: string },
  column: ColumnOptions = {},
): (target: object, name: string) => void {
  return (target, name) => {
    const refuse = (why: string): never => {
      throw new Error(`@Column ${target.constructor.name}.${name}: ${why}`);
    };
    const nullable = field.nullable ? { nullable: true } : {};
    const shown = type();
    const item = Array.isArray(shown) ? shown[0] : shown;
    const ormType = ORM_TYPES.get(item);
    if (Array.isArray(shown)) {
      if (item !== String && !isEnum(item)) refuse('only lists of strings or enum values are columns');
      Property({ type: 'string[]', columnType: 'text[]', ...nullable, ...column })(target, name);
    } else if (ormType) {
      if (ormType === 'decimal' && (column.precision === undefined || column.scale === undefined))
        refuse('a decimal column needs its precision and scale');
      Property({ type: ormType, ...column, ...nullable })(target, name);
    } else if (isEnum(item)) {
      Enum({ items: () => item, type: 'string', ...nullable, ...column })(target, name);
    } else refuse('its field type maps to no column type: state it with @Property and @Field');
    Field(type, field)(target, name);
  };
}

/** An enum object (`enumOf`, registered with `registerEnum`), not a scalar, a class or a list. */
const isEnum = (type: unknown): type is object =>
  typeof type === 'object' && type !== null && !Array.isArray(type) && !(type instanceof GraphQLScalarType);
