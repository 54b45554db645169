import { type GraphQLSchema, isEnumType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { labelsOf, type ValueLabels } from '../../db/enum.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { Locale } from '../../graphql/locale.js';
import { getOrMake } from '../../lib/maps.js';
import type { EnumLabel } from './label.types.js';

/** Most enum names one `enumLabels` may ask for. */
export const MAX_ENUMS = 100;

/**
 * The labelled enums of a schema by name, in the order of their names: each enum type of the schema
 * whose values were given labels where it was declared (`enumOf`, `labelEnum`), found through the
 * registration type-graphql keeps of it.
 */
const bySchema = new WeakMap<GraphQLSchema, Map<string, ValueLabels[]>>();
export function labelledEnums(schema: GraphQLSchema): Map<string, ValueLabels[]> {
  return getOrMake(bySchema, schema, () => {
    const registered = new Map(getMetadataStorage().enums.map((e) => [e.name, e.enumObj]));
    const found = new Map<string, ValueLabels[]>();
    for (const name of Object.keys(schema.getTypeMap()).sort()) {
      const values = registered.get(name);
      const labels = isEnumType(schema.getType(name)) && values ? labelsOf(values) : null;
      if (labels) found.set(name, labels);
    }
    return found;
  });
}

/** The words of `labels` in `locale`. */
const inLocale = (name: string, labels: ValueLabels[], locale: Locale): EnumLabel[] =>
  labels.map((l) => ({
    enum: name,
    value: l.value,
    label: locale === Locale.EN ? l.en : l.zh,
    description: locale === Locale.EN ? l.aboutEn : l.aboutZh,
  }));

export const labelService = {
  /**
   * The labels of the values of the enums `names` (all labelled enums of the schema when absent), in
   * the order asked and each enum's values in their order, in `locale` (default the request's).
   * BAD_USER_INPUT naming the entry for a name that is no labelled enum of the schema.
   */
  enumLabels(
    ctx: Context,
    schema: GraphQLSchema,
    names: string[] | null | undefined,
    locale: Locale | null | undefined,
  ): EnumLabel[] {
    const all = labelledEnums(schema);
    if (names && names.length > MAX_ENUMS)
      throw badInput(`at most ${MAX_ENUMS} enums, got ${names.length}`, { field: 'enums' });
    const asked = names ? [...new Set(names)] : [...all.keys()];
    return asked.flatMap((name) => {
      const labels = all.get(name);
      if (!labels) {
        const field = `enums[${names!.indexOf(name)}]`;
        const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
        const why = isEnumType(schema.getType(name)) ? 'an enum without labels' : 'no enum of the schema';
        throw badInput(`${shown} is ${why}`, { field });
      }
      return inLocale(name, labels, locale ?? ctx.locale);
    });
  },
};
