import 'reflect-metadata';
import { type GraphQLSchema, isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { LeaseGroupsResolver, RuralHouseGroupsResolver } from '../modules/house/house.groups.js';
import { LeaseResolver, RuralHouseResolver } from '../modules/house/house.resolver.js';
import { InvestmentGroupsResolver } from '../modules/investment/investment.groups.js';
import { InvestmentResolver } from '../modules/investment/investment.resolver.js';
import { NetworkResolver } from '../modules/network/network.resolver.js';
import { NodeResolver } from '../modules/node/node.resolver.js';
import { OrganizationGroupsResolver } from '../modules/organization/organization.groups.js';
import { OrganizationResolver } from '../modules/organization/organization.resolver.js';
import { ProjectGroupsResolver, ProjectRoleGroupsResolver } from '../modules/project/project.groups.js';
import {
  ProjectPartnerResolver,
  ProjectResolver,
  ProjectRoleResolver,
} from '../modules/project/project.resolver.js';
import { RegionGroupsResolver } from '../modules/region/region.groups.js';
import { RegionResolver } from '../modules/region/region.resolver.js';
import { RegionStatsResolver } from '../modules/region/region.stats.js';
import { SearchResolver } from '../modules/search/search.resolver.js';
import { SpreadsheetResolver } from '../modules/spreadsheet/spreadsheet.resolver.js';
import { TalentGroupsResolver } from '../modules/talent/talent.groups.js';
import { TalentResolver } from '../modules/talent/talent.resolver.js';
import { ThemeResolver } from '../modules/theme/theme.resolver.js';
import {
  UnionMembershipGroupsResolver,
  UnionOrganizationGroupsResolver,
} from '../modules/union/union.groups.js';
import { UnionMembershipResolver, UnionOrganizationResolver } from '../modules/union/union.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import { VillageGroupsResolver } from '../modules/village/village.groups.js';
import { VillageResolver } from '../modules/village/village.resolver.js';
import { callResolversDirectly } from './direct.js';
import { schemaBuilt } from './read/startup.js';

/** Every resolver of the API; a new feature module adds its resolvers here. */
export const resolvers = [
  NodeResolver,
  RegionResolver,
  RegionStatsResolver,
  ThemeResolver,
  VillageResolver,
  OrganizationResolver,
  TalentResolver,
  UnionOrganizationResolver,
  UnionMembershipResolver,
  ProjectResolver,
  ProjectRoleResolver,
  ProjectPartnerResolver,
  InvestmentResolver,
  RuralHouseResolver,
  LeaseResolver,
  UserResolver,
  AuditResolver,
  SpreadsheetResolver,
  SearchResolver,
  NetworkResolver,
  TalentGroupsResolver,
  InvestmentGroupsResolver,
  RuralHouseGroupsResolver,
  LeaseGroupsResolver,
  ProjectGroupsResolver,
  ProjectRoleGroupsResolver,
  VillageGroupsResolver,
  OrganizationGroupsResolver,
  UnionOrganizationGroupsResolver,
  UnionMembershipGroupsResolver,
  RegionGroupsResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * Builds the schema with plain fields (properties without a resolver method, read under their own
 * name) read as properties. type-graphql otherwise gives each a resolver that runs field
 * middlewares and authorization, which this API does not use, and a compiled executor inlines a
 * property read but calls a resolver with closures, arguments and resolve info for every field of
 * every row. This is type-graphql's own `simple` field option, turned on where it is not set.
 */
async function buildPlainFields(): Promise<GraphQLSchema> {
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
  const schema = await buildSchema({ resolvers, validate: false });
  // Middlewares and roles are attached while the schema is built: a plain field must have none.
  const guarded = storage.fields.find((f) => f.simple && (f.middlewares?.length || f.roles?.length));
  if (guarded)
    throw new Error(`field ${guarded.schemaName} has middlewares or roles: set simple: false on it`);
  return schema;
}

/**
 * The fields of each object type that type-graphql resolves with a method rather than by property
 * (after the schema is built: field resolvers are then linked to their object types).
 */
function resolverFields(): (type: string) => string[] {
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { target: unknown; name: string }[];
    fieldResolvers: { getObjectType?: () => unknown; schemaName: string }[];
  };
  const names = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  const byType = new Map<string, string[]>();
  for (const r of storage.fieldResolvers) {
    const type = names.get(r.getObjectType?.());
    if (type) byType.set(type, [...(byType.get(type) ?? []), r.schemaName]);
  }
  return (type) => byType.get(type) ?? [];
}

/**
 * The executable schema (built once per process). Once built, and the tables resolved, a field with
 * a resolver the read engine cannot place is an error (see `checkFieldPlacement`).
 */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildPlainFields().then((schema) => {
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
    schemaBuilt(resolverFields());
    const mutation = schema.getMutationType();
    if (mutation) {
      mutation.description =
        'Changes to the graph. Each takes one `input` and returns a payload with the changed object and `userErrors`; nothing is written when there is any user error.';
    }
    return schema;
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so the file changes only when the schema does. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
