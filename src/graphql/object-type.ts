// biome-ignore lint/style/noRestrictedImports: the one place type-graphql's own is wrapped
import { type ObjectTypeOptions, ObjectType as TypeGraphQLObjectType } from 'type-graphql';

/**
 * type-graphql's `@ObjectType` with its `simpleResolvers` option on: a plain field (a property
 * without a resolver method) is read as a property by graphql-js's default resolver instead of
 * through type-graphql's resolver, which runs field middlewares and authorization this API does not
 * use, and which a compiled executor cannot inline (it calls it with closures, arguments and resolve
 * info for every field of every row). Every object type of the API is declared with this one (Biome
 * refuses type-graphql's own, `noRestrictedImports`); a field with a resolver method keeps it.
 */
export function ObjectType(options?: ObjectTypeOptions): ClassDecorator;
export function ObjectType(name: string, options?: ObjectTypeOptions): ClassDecorator;
export function ObjectType(nameOrOptions?: string | ObjectTypeOptions, maybe?: ObjectTypeOptions) {
  if (typeof nameOrOptions === 'string')
    return TypeGraphQLObjectType(nameOrOptions, { simpleResolvers: true, ...maybe });
  return TypeGraphQLObjectType({ simpleResolvers: true, ...nameOrOptions });
}
