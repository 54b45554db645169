import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  type ClassType,
  Ctx,
  FieldResolver,
  getMetadataStorage,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Row } from '../data/table.js';
import type { Context } from './context.js';
import { Locale } from './locale.js';
import { LOCALE_ARG, pickText } from './localized.js';
import { GeoPoint, geoPoint, Money, money } from './types.js';
import { ArchiveInput } from './write/inputs.js';

/** What the fields of one resolver class share (see `ResolverOf`). */
export interface ResolverOptions {
  /** The object in the descriptions' words ("house", "organisation"). */
  what?: string;
  /** Bilingual `name` and `description` fields (columns name_zh/name_en, description_zh/…). */
  named?: boolean;
  /** What the mutations answer: the type's payload. */
  payload?: GraphQLType;
  /** The class of the fields written by hand (decorated `@Resolver(() => Type)`), extended. */
  base?: abstract new () => object;
}

/** The resolver class an entry is part of: its object type's GraphQL name and its options. */
interface Owner extends ResolverOptions {
  typeName: string;
}

/**
 * One field of a resolver class made by `ResolverOf`: it defines the method `name` on the class's
 * prototype and applies type-graphql's decorators to it, as a hand-written method would have them.
 */
export type Entry = (prototype: object, name: string, owner: Owner) => void;

/** A GraphQL type as type-graphql's decorators take it: a class, an enum, a scalar or a union. */
type GraphQLType = object;

type Method = (...params: never[]) => unknown;
type ParamDecorator = (prototype: object, name: string, index: number) => void;
type MethodDecorator = (prototype: object, name: string, descriptor: PropertyDescriptor) => void;

/**
 * An entry whose method is `make(name, owner)`: put on the prototype under `name` as a class method
 * is (not enumerable), so type-graphql and `callResolversDirectly` (direct.ts) find and call it like
 * a written one, with the parameter decorators applied (last first, as TypeScript does) and then
 * the method's decorator.
 */
function entry(
  params: ParamDecorator[],
  decorator: MethodDecorator,
  make: (name: string, owner: Owner) => Method,
): Entry {
  return (prototype, name, owner) => {
    const method = make(name, owner);
    Object.defineProperty(method, 'name', { value: name });
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
    for (let i = params.length - 1; i >= 0; i--) params[i]!(prototype, name, i);
    decorator(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
  };
}

/**
 * A top-level list: `name(where, orderBy, first, after, last, before): Connection`, answered by
 * `list(ctx, args, info)` (a service's `list`).
 */
function listQuery<A extends object>(
  Connection: GraphQLType,
  ListArgs: ClassType<A>,
  list: (ctx: Context, args: A, info: GraphQLResolveInfo) => unknown,
  description: string,
): Entry {
  return entry(
    [Args(() => ListArgs), Ctx(), Info()],
    Query(() => Connection, { description }),
    () => (args: A, ctx: Context, info: GraphQLResolveInfo) => list(ctx, args, info),
  );
}

/**
 * A query of one object by its code (or the text argument `arg`: a slug), `read(ctx, code, info)`;
 * null when there is none.
 */
function byCode(
  Type: GraphQLType,
  read: (ctx: Context, code: string, info: GraphQLResolveInfo) => unknown,
  codeText: string,
  description: string,
  arg = 'code',
): Entry {
  return entry(
    [Arg(arg, () => String, { description: codeText }), Ctx(), Info()],
    Query(() => Type, { nullable: true, description }),
    () => (code: string, ctx: Context, info: GraphQLResolveInfo) => read(ctx, code, info),
  );
}

/**
 * A to-one relation: the row of `Type` whose key is the parent row's `key` (default `<name>Id`),
 * through `byId(ctx, key, '<Type>.<name>', info)` (a service's `byId`; the text names the relation
 * for the read engine's loaders). Null when the key is, or `nullable` and the row is not visible.
 */
function toOne(
  Type: GraphQLType,
  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) => unknown,
  description: string,
  { nullable = false, key = '' } = {},
): Entry {
  return entry(
    [Root(), Ctx(), Info()],
    FieldResolver(() => Type, { nullable, description }),
    (name, owner) => {
      const column = key || `${name}Id`;
      const relation = `${owner.typeName}.${name}`;
      return (row: Row, ctx: Context, info: GraphQLResolveInfo) => byId(ctx, row[column], relation, info);
    },
  );
}

/** How a list under a parent row is read: a service's `by<Parent>`. */
type ReadMany<A> = (ctx: Context, parent: Row, args: A, info: GraphQLResolveInfo) => unknown;

/** A list under each parent row: `name(where, orderBy, first, …): Connection`, answered by `method`. */
function listField(Connection: GraphQLType, ListArgs: ClassType, description: string, method: Method): Entry {
  const params = [Root(), Args(() => ListArgs), Ctx(), Info()];
  return entry(
    params,
    FieldResolver(() => Connection, { description }),
    () => method,
  );
}

/** A list under each parent row, read by `read(ctx, parent, args, info)`. */
function toMany<A extends object>(
  Connection: GraphQLType,
  ListArgs: ClassType<A>,
  read: ReadMany<A>,
  description: string,
): Entry {
  const method = (row: Row, args: A, ctx: Context, info: GraphQLResolveInfo) => read(ctx, row, args, info);
  return listField(Connection, ListArgs, description, method);
}

/**
 * A list under each parent row read by `read(ctx, lead, parent, args, info)`: a read that takes a
 * `lead` argument first (which kind of parent it lists under).
 */
function toManyWith<A extends object, L>(
  Connection: GraphQLType,
  ListArgs: ClassType<A>,
  read: (ctx: Context, lead: L, parent: Row, args: A, info: GraphQLResolveInfo) => unknown,
  lead: L,
  description: string,
): Entry {
  const method = (row: Row, args: A, ctx: Context, info: GraphQLResolveInfo) =>
    read(ctx, lead, row, args, info);
  return listField(Connection, ListArgs, description, method);
}

/**
 * A field the service computes from the row, `read(ctx, row)` (a figure, the row's current lease,
 * its themes, …), of type `Type`.
 */
function computed(
  Type: GraphQLType,
  read: (ctx: Context, row: Row) => unknown,
  description: string,
  { nullable = false } = {},
): Entry {
  const method = (row: Row, ctx: Context) => read(ctx, row);
  return entry(
    [Root(), Ctx()],
    FieldResolver(() => Type, { nullable, description }),
    () => method,
  );
}

/** A computed field read with what the query selects below it: `read(ctx, row, info)`. */
function computedWithInfo(
  Type: GraphQLType,
  read: (ctx: Context, row: Row, info: GraphQLResolveInfo) => unknown,
  description: string,
  { nullable = false } = {},
): Entry {
  const method = (row: Row, ctx: Context, info: GraphQLResolveInfo) => read(ctx, row, info);
  return entry(
    [Root(), Ctx(), Info()],
    FieldResolver(() => Type, { nullable, description }),
    () => method,
  );
}

/** Where the row is on the map (its `lat` and `lng`); null when not surveyed. */
function point(description: string): Entry {
  const decorator = FieldResolver(() => GeoPoint, { nullable: true, description });
  return entry([Root()], decorator, () => (row: Row) => geoPoint(row));
}

/**
 * A bilingual text from the columns `<name>Zh` and `<name>En` (or the row keys `zh` and `en`: a
 * Chinese column older than its English one, `title` and `titleEn`), in the `locale` argument's
 * language (default the request's), Chinese when the English is missing; when not `nullable`, an
 * empty text stands for a missing one. The table spec's `fieldColumns` name both keys.
 */
function text(description: string, { nullable = true, zh = '', en = '' } = {}): Entry {
  const locale = Arg('locale', () => Locale, { nullable: true, description: LOCALE_ARG });
  return entry(
    [Root(), locale, Ctx()],
    FieldResolver(() => String, { nullable, description }),
    (name) => {
      const [zhKey, enKey] = [zh || `${name}Zh`, en || `${name}En`];
      return nullable
        ? (row: Row, locale: Locale | null, ctx: Context) => pickText(row, zhKey, enKey, locale, ctx)
        : (row: Row, locale: Locale | null, ctx: Context) => pickText(row, zhKey, enKey, locale, ctx) ?? '';
    },
  );
}

/** A private text column, read as it is: SQL masks it (null) for callers the policy keeps from it. */
function privateColumn(description: string): Entry {
  const decorator = FieldResolver(() => String, { nullable: true, description });
  return entry([Root()], decorator, (name) => (row: Row) => row[name] ?? null);
}

/** An amount of the column `<name>` in the row's `currency`. */
function amount(description: string, { nullable = false } = {}): Entry {
  const decorator = FieldResolver(() => Money, { nullable, description });
  return entry([Root()], decorator, (name) => (row: Row) => money(row[name], row.currency));
}

/** The description of a standard mutation's `input`, by the mutation's verb. */
function inputDescription(name: string, what: string | undefined): string | undefined {
  if (name.startsWith('update')) return 'The changes.';
  if (!what) return undefined;
  if (name.startsWith('create')) return `The ${what}.`;
  if (name.startsWith('archive')) return `The ${what} and its version.`;
  return undefined;
}

/**
 * A mutation taking one `input` of class `Input` and answering the resolver's `payload`, through
 * `write(ctx, input)` (a module's writes: `create`, `update`, …). The input is described by
 * `inputText`, by default from the verb: "The <what>." (create), "The changes." (update),
 * "The <what> and its version." (archive).
 */
function mutation<I extends object>(
  Input: ClassType<I>,
  write: (ctx: Context, input: I) => unknown,
  description: string,
  inputText?: string,
): Entry {
  return (prototype, name, owner) => {
    const input = inputText ?? inputDescription(name, owner.what);
    const { payload } = owner;
    if (!payload || !input) throw new Error(`mutation ${name}: no payload, or no description of its input`);
    const params = [Arg('input', () => Input, { description: input }), Ctx()];
    const method = (value: I, ctx: Context) => write(ctx, value);
    entry(
      params,
      Mutation(() => payload, { description }),
      () => method,
    )(prototype, name, owner);
  };
}

/** The standard archive mutation: its `input` is an `ArchiveInput` ("The <what> and its version."). */
function archive(write: (ctx: Context, input: ArchiveInput) => unknown, description: string): Entry {
  return mutation(ArchiveInput, write, description);
}

/** The kinds of generated fields, for the entries of `ResolverOf`. */
export const field = {
  listQuery,
  byCode,
  toOne,
  toMany,
  toManyWith,
  computed,
  computedWithInfo,
  point,
  text,
  privateColumn,
  amount,
  mutation,
  archive,
};

/** The GraphQL name of an object type class (as `@ObjectType` registered it). */
function objectTypeName(Type: ClassType): string {
  const storage = getMetadataStorage() as unknown as { objectTypes: { target: unknown; name: string }[] };
  const found = storage.objectTypes.find((o) => o.target === Type);
  if (!found) throw new Error(`ResolverOf: ${Type.name} is not an @ObjectType`);
  return found.name;
}

/**
 * The resolver class of the object type `Type`: one generated method per entry (`field.listQuery`,
 * `field.toOne`, …), keyed by field name, with bilingual `name` and `description` when `named`,
 * extending `base`, the class of the fields written by hand, through type-graphql's resolver
 * inheritance. The module lists only this class. Entries take a service's or writes' functions
 * (`houseService.list`, `houseWrites.create`) and call them as plain functions: those objects are
 * made of functions that do not use `this`. A generated method is the only call between the
 * executor and the service, as a written one was.
 */
export function ResolverOf<T extends object>(
  Type: ClassType<T>,
  options: ResolverOptions,
  entries: Record<string, Entry>,
): ClassType<object> {
  const owner: Owner = { ...options, typeName: objectTypeName(Type) };
  const what = options.what ?? owner.typeName;
  const all: Record<string, Entry> = options.named
    ? {
        name: text(`Name of the ${what} in the chosen language.`, { nullable: false }),
        description: text(`Description of the ${what} in the chosen language.`),
        ...entries,
      }
    : entries;
  const Base = options.base ?? class {};
  class Generated extends Base {}
  Object.defineProperty(Generated, 'name', { value: `${owner.typeName}Resolver` });
  for (const [name, entry] of Object.entries(all)) entry(Generated.prototype, name, owner);
  Resolver(() => Type)(Generated);
  return Generated;
}
