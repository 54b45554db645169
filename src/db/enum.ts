/** The words of a space-separated list, as a union of string literals. */
type Words<S extends string> = S extends `${infer Word} ${infer Rest}` ? Word | Words<Rest> : S;

/** An enum made by `enumOf`: each value under its own name. */
export type EnumOf<S extends string> = { readonly [V in Words<S>]: V };

/** The values of an enum made by `enumOf` (or of a string enum): `EnumValue<typeof HouseStatus>`. */
export type EnumValue<E> = E[keyof E];

/**
 * The words of one enum value: its label in English and in Chinese, and, when the label does not
 * say it all, what it means in both (`['Resident', '扎根', 'lives and works in the town', '在本镇定居工作']`).
 */
export type Label =
  | readonly [en: string, zh: string]
  | readonly [en: string, zh: string, aboutEn: string, aboutZh: string];

/** The labels of an enum's values, by value, in the order of the values. */
export type Labels<V extends string = string> = { readonly [K in V]: Label };

/** The labels of each labelled enum (an `enumOf` object or a string enum given to `labelEnum`). */
const labelled = new WeakMap<object, Labels>();

/**
 * A string enum from its values, each with its label in English and Chinese (and what it means,
 * where the label does not say it): `enumOf({ IDLE: ['Idle', '闲置'], IN_USE: ['In use', '已投用'] })`
 * is `{ IDLE: 'IDLE', IN_USE: 'IN_USE' }`, as `enum { IDLE = 'IDLE', … }` would be at run time, and
 * the schema lists the values in this order with descriptions made of their labels. Declare its type
 * beside it: `type X = EnumValue<typeof X>`. The labels are said here only: the schema's value
 * descriptions, the `enumLabels` query and the spreadsheets' Chinese values all read them.
 *
 * `enumOf('IDLE IN_USE')` (space-separated values) makes an enum without labels; the test of labels
 * (test/english.test.ts) refuses one in the schema.
 */
export function enumOf<const L extends Labels>(labels: L): { readonly [V in keyof L & string]: V };
export function enumOf<const S extends string>(values: S): EnumOf<S>;
export function enumOf(declared: string | Labels): Record<string, string> {
  const values = typeof declared === 'string' ? declared.split(' ') : Object.keys(declared);
  const made = Object.fromEntries(values.map((value) => [value, value]));
  if (typeof declared !== 'string') labelled.set(made, declared);
  return made;
}

/**
 * Gives the values of a string enum declared otherwise (`enum Locale { … }`) their labels, as
 * `enumOf` does; said right after the enum.
 */
export function labelEnum<E extends Record<string, string>>(values: E, labels: Labels<keyof E & string>) {
  labelled.set(values, labels);
}

/** One value of a labelled enum, with its words. */
export interface ValueLabels {
  /** The value's name in the schema (the enum's key). */
  value: string;
  en: string;
  zh: string;
  aboutEn: string | null;
  aboutZh: string | null;
}

/** The labels of an enum's values in their order; null for an enum without labels. */
export function labelsOf(values: object): ValueLabels[] | null {
  const labels = labelled.get(values);
  if (!labels) return null;
  return Object.keys(values).flatMap((value) => {
    const label = labels[value];
    if (!label) return [];
    const [en, zh, aboutEn = null, aboutZh = null] = label;
    return [{ value, en, zh, aboutEn, aboutZh }];
  });
}

/** A value's description in the schema, in both languages: "Resident — 扎根 (lives and works in the town; 在本镇定居工作)". */
export const describeValue = ({ en, zh, aboutEn, aboutZh }: ValueLabels) =>
  `${en} — ${zh}${aboutEn ? ` (${aboutEn}; ${aboutZh})` : ''}`;

/**
 * The `valuesConfig` of type-graphql's `registerEnumType` for an enum: each labelled value described
 * in both languages (none for an enum without labels).
 */
export function valueDescriptions(values: object): Record<string, { description: string }> {
  return Object.fromEntries(
    (labelsOf(values) ?? []).map((l) => [l.value, { description: describeValue(l) }]),
  );
}
