/**
 * A front-end team's graphql-codegen set-up for this API, tried by test/unit/codegen.test.ts on the
 * project's own operations. In a front-end project: `npm i -D @graphql-codegen/cli
 * @graphql-codegen/typescript-operations` (version 6 writes the enum and input types operations use
 * by itself: adding the `typescript` plugin to the same file declares every enum twice), copy this file as
 * `codegen.ts`, point `schema` at a copy of schema/schema.graphql (or at the API's URL with
 * introspection on) and `documents` at the project's operations, then `npx graphql-codegen`.
 */

/** The API's custom scalars as TypeScript sees them on the wire (strictScalars: a new one fails loudly). */
export const scalars = {
  /** An exact decimal as a string ("120.50"): parse it with a decimal library, never as a float. */
  Decimal: 'string',
  /** A calendar date, "2026-05-01". */
  LocalDate: 'string',
  /** An instant, ISO 8601 at UTC: "2026-05-01T08:00:00.000Z". */
  DateTimeISO: 'string',
  JSON: 'unknown',
  JSONObject: 'Record<string, unknown>',
};

/** The options of the typescript-operations plugin. */
export const pluginConfig = {
  scalars,
  strictScalars: true,
  // Apollo Client and urql add __typename to every selection: typed, it tells union members apart.
  nonOptionalTypename: true,
  enumsAsTypes: true,
  useTypeImports: true,
  avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
};

const config = {
  schema: 'schema/schema.graphql',
  documents: ['operations/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: pluginConfig,
    },
  },
};
export default config;
