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

/**
 * type-graphql asks for a PubSub as soon as there is a subscription; ours name their own `subscribe`
 * and are run by src/live (a live query read again after each change), so it is never used.
 */
const NO_PUB_SUB = {
  publish() {
    throw new Error('subscriptions publish nothing: src/live reads their values again after each change');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions are run by src/live');
  },
};

const built = new WeakMap<readonly Module[], Promise<GraphQLSchema>>();

/**
 * Builds the schema of the modules' resolvers. Every object type is declared with our `ObjectType`
 * (object-type.ts: type-graphql's `simpleResolvers` on, so plain fields are read as properties,
 * which a compiled executor inlines); refuses one declared otherwise, and a plain field shown under
 * another name than its property or with middlewares or roles (a property read would skip them)
 * unless it says `simple: false`.
 */
async function buildPlainFields(modules: readonly Module[]): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((m) => m.resolvers ?? []);
  if (!resolvers.length) throw new Error('no module has a resolver');
  const schema = await buildSchema({
    resolvers: [resolvers[0]!, ...resolvers.slice(1)],
    validate: false,
    pubSub: NO_PUB_SUB,
  });
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { name: string; simpleResolvers?: boolean; fields?: FieldInfo[] }[];
  };
  for (const type of storage.objectTypes) {
    if (!isObjectType(schema.getType(type.name))) continue;
    if (type.simpleResolvers !== true)
      throw new Error(`object type ${type.name}: declare it with ObjectType from src/graphql/object-type.ts`);
    for (const f of type.fields ?? []) {
      if (f.simple === false) continue;
      // A property read as a property must have the field's name, and nothing may run around it.
      if (f.name !== f.schemaName)
        throw new Error(
          `field ${type.name}.${f.schemaName} reads property ${f.name}: set simple: false on it`,
        );
      if (f.middlewares?.length || f.roles?.length)
        throw new Error(
          `field ${type.name}.${f.schemaName} has middlewares or roles: set simple: false on it`,
        );
    }
  }
  return schema;
}

interface FieldInfo {
  name: string;
  schemaName: string;
  simple?: boolean;
  middlewares?: unknown[];
  roles?: unknown[];
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
    const subscription = schema.getSubscriptionType();
    if (subscription) {
      subscription.description =
        'Live values, over WebSocket (protocol graphql-transport-ws, at /graphql) or Server-Sent Events (graphql-sse, POST /graphql/stream), with the bearer token of queries: each field emits its object at once, then again after every write that changes what the subscription selects.';
    }
    return schema;
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so the file changes only when the schema does. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

/**
 * schema/possible-types.json: the object types of each interface and union, sorted, as Apollo
 * Client's `possibleTypes` (and urql's graphcache) take them, so that a client's cache matches
 * fragments on `Node`, `Tenant`, `SearchResult` … without introspecting the API.
 */
export function printedPossibleTypes(schema: GraphQLSchema): string {
  const possible: Record<string, string[]> = {};
  for (const type of Object.values(lexicographicSortSchema(schema).getTypeMap())) {
    if (isAbstractType(type) && !type.name.startsWith('__'))
      possible[type.name] = schema
        .getPossibleTypes(type)
        .map((t) => t.name)
        .sort();
  }
  return `${JSON.stringify(possible, null, 2)}\n`;
}
