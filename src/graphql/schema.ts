import 'reflect-metadata';
import {
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { schemaBuilt } from '../data/startup.js';
import { getOrMake } from '../lib/maps.js';
import { modules as apiModules } from '../modules/index.js';
import type { Module } from '../modules/module.js';
import { callResolversDirectly } from './direct.js';

const built = new WeakMap<readonly Module[], Promise<GraphQLSchema>>();

/**
 * Builds the schema with plain fields (properties without a resolver method, read under their own
 * name) read as properties. type-graphql otherwise gives each a resolver that runs field
 * middlewares and authorization, which this API does not use, and a compiled executor inlines a
 * property read but calls a resolver with closures, arguments and resolve info for every field of
 * every row. This is type-graphql's own `simple` field option, turned on where it is not set.
 */
async function buildPlainFields(modules: readonly Module[]): Promise<GraphQLSchema> {
  const storage = getMetadataStorage() as unknown as {
    fields: {
      name: string;
      schemaName: string;
      simple?: boolean;
      middlewares?: unknown[];
      roles?: unknown[];
    }[];
  };
  for (const field of storage.fields) {
    if (field.simple === undefined && field.name === field.schemaName) field.simple = true;
  }
  const resolvers = modules.flatMap((m) => m.resolvers ?? []);
  if (!resolvers.length) throw new Error('no module has a resolver');
  const schema = await buildSchema({ resolvers: [resolvers[0]!, ...resolvers.slice(1)], validate: false });
  // Middlewares and roles are attached while the schema is built: a plain field must have none.
  const guarded = storage.fields.find((f) => f.simple && (f.middlewares?.length || f.roles?.length));
  if (guarded)
    throw new Error(`field ${guarded.schemaName} has middlewares or roles: set simple: false on it`);
  return schema;
}

/**
 * The fields of each object type of `schema` that type-graphql resolves with a method rather than by
 * property (after the schema is built: field resolvers are then linked to their object types).
 */
function resolverFields(schema: GraphQLSchema): (type: string) => string[] {
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { target: unknown; name: string }[];
    fieldResolvers: { getObjectType?: () => unknown; schemaName: string }[];
  };
  const names = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  const byType = new Map<string, string[]>();
  for (const r of storage.fieldResolvers) {
    const type = names.get(r.getObjectType?.());
    const object = type ? schema.getType(type) : undefined;
    // type-graphql's store holds every class imported; only those of this schema's resolvers count.
    if (type && isObjectType(object) && object.getFields()[r.schemaName])
      byType.set(type, [...(byType.get(type) ?? []), r.schemaName]);
  }
  return (type) => byType.get(type) ?? [];
}

/**
 * The executable schema of the resolvers of `modules` (default: the API's, src/modules/index.ts),
 * built once per process and module list. Once built, and the registry built (`buildRegistry`), a
 * field with a resolver the read engine cannot place is an error (see `checkFieldPlacement`).
 */
export function getSchema(modules: readonly Module[] = apiModules): Promise<GraphQLSchema> {
  return getOrMake(built, modules, () => buildApiSchema(modules));
}

function buildApiSchema(modules: readonly Module[]): Promise<GraphQLSchema> {
  return buildPlainFields(modules).then((schema) => {
    const query = schema.getQueryType();
    if (query) {
      query.description =
        'The revitalization graph of Dashuibo (大水泊镇, Weihai): regions, themes, villages, talents, organisations, unions, projects, investments, houses and leases. Every list is a Relay connection with `where` and `orderBy`.';
    }
    // type-graphql wraps each resolveType in an async function; every abstract value here is a row
    // that names its type, so answer synchronously (the compiled executor needs a plain value).
    for (const type of Object.values(schema.getTypeMap())) {
      if (isAbstractType(type)) type.resolveType = (value: { __typename?: string }) => value.__typename;
    }
    callResolversDirectly(schema);
    schemaBuilt(resolverFields(schema));
    const mutation = schema.getMutationType();
    if (mutation) {
      mutation.description =
        'Changes to the graph. Each takes one `input` and returns a payload with the changed object and `userErrors`; nothing is written when there is any user error.';
    }
    return schema;
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so the file changes only when the schema does. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
