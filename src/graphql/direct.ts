import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

interface ParamInfo {
  kind: string;
  index: number;
  name?: string;
  propertyName?: string;
  getType?: () => unknown;
}
interface MethodInfo {
  target: new () => Record<string, (...params: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  params?: ParamInfo[];
  middlewares?: unknown[];
  roles?: unknown[];
  kind?: 'internal' | 'external';
  getObjectType?: () => unknown;
}

type Getter = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/** How each parameter of a method is filled, or null when one needs type-graphql (conversion, custom). */
function gettersOf(params: ParamInfo[]): Getter[] | null {
  const getters: Getter[] = [];
  for (const p of [...params].sort((a, b) => a.index - b.index)) {
    if (p.kind === 'root') {
      if (p.getType && p.getType() !== Object) return null;
      const property = p.propertyName;
      getters.push(property ? (root) => (root as Record<string, unknown>)[property] : (root) => root);
    } else if (p.kind === 'arg') {
      const name = p.name!;
      getters.push((_root, args) => args[name]);
    } else if (p.kind === 'args') {
      getters.push((_root, args) => args);
    } else if (p.kind === 'context') {
      const property = p.propertyName;
      getters.push(
        property ? (_r, _a, context) => (context as Record<string, unknown>)[property] : (_r, _a, c) => c,
      );
    } else if (p.kind === 'info') {
      getters.push((_r, _a, _c, info) => info);
    } else {
      return null;
    }
  }
  return getters;
}

/**
 * type-graphql calls resolver methods through a handler that checks arguments in an `async`
 * function even with validation off, so every field taking an argument (`name(locale:)`, each
 * nested list) answers with a promise, and rows already read are still awaited. For the query
 * fields and relation fields whose methods take only the parent, arguments, context and info, with
 * no middleware or roles, this calls the method directly instead: the same method with the same
 * values, arguments as GraphQL coerced them (plain objects rather than instances of the argument
 * classes, which our methods never rely on). Mutations keep type-graphql's handler. Returns how many
 * fields it rewired.
 */
export function callResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { target: unknown; name: string }[];
    fieldResolvers: MethodInfo[];
    queries: MethodInfo[];
  };
  const typeNames = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  const instances = new Map<unknown, Record<string, (...params: unknown[]) => unknown>>();
  const methods: [string, MethodInfo][] = [
    ...storage.queries.map((q): [string, MethodInfo] => [schema.getQueryType()!.name, q]),
    ...storage.fieldResolvers
      .filter((r) => r.kind === 'external')
      .map((r): [string, MethodInfo] => [String(typeNames.get(r.getObjectType?.())), r]),
  ];
  let rewired = 0;
  for (const [typeName, method] of methods) {
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[method.schemaName] : undefined;
    if (!field || method.middlewares?.length || method.roles?.length) continue;
    const getters = gettersOf(method.params ?? []);
    if (!getters) continue;
    let instance = instances.get(method.target);
    if (!instance) {
      instance = new method.target();
      instances.set(method.target, instance);
    }
    const target = instance;
    const fn = target[method.methodName]!;
    field.resolve = ((root, args, context, info) =>
      fn.apply(
        target,
        getters.map((get) => get(root, args, context, info)),
      )) as GraphQLFieldResolver<unknown, unknown>;
    rewired++;
  }
  return rewired;
}
