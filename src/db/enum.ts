/** The words of a space-separated list, as a union of string literals. */
type Words<S extends string> = S extends `${infer Word} ${infer Rest}` ? Word | Words<Rest> : S;

/** An enum made by `enumOf`: each value under its own name. */
export type EnumOf<S extends string> = { readonly [V in Words<S>]: V };

/** The values of an enum made by `enumOf` (or of a string enum): `EnumValue<typeof HouseStatus>`. */
export type EnumValue<E> = E[keyof E];

/**
 * A string enum from its values, space-separated in their order (the schema lists them in it):
 * `enumOf('IDLE IN_USE')` is `{ IDLE: 'IDLE', IN_USE: 'IN_USE' }`, as `enum { IDLE = 'IDLE', … }`
 * would be at run time. Declare its type beside it: `type X = EnumValue<typeof X>`.
 */
export function enumOf<const S extends string>(values: S): EnumOf<S> {
  return Object.fromEntries(values.split(' ').map((value) => [value, value])) as EnumOf<S>;
}
