import {
  BREAK,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { getOrMake } from '../lib/maps.js';
import { type NestedListDef, type Registry, registry } from './registry.js';
import { type Alias, Aliases } from './sql.js';
import type { ListArgs, ParentLink, TableSpec } from './table.js';

/**
 * What a read of rows of one table fetches beyond their columns because the query selects it: to-one
 * relations (joined) and computed fields (scalar subqueries), at every level below.
 */
export interface Plan {
  joins: Join[];
  /** Computed fields of the table (`TableSpec.computed`) to select. */
  computed: string[];
  /** Row keys of the columns the selected fields read, sorted; absent (a read without a query): every column. */
  columns?: string[];
  /** Nested lists of the rows read in the same statement (see `NestedList`). */
  lists?: NestedList[];
}

/**
 * A nested list of each row (e.g. a talent's `unionMemberships(first: 10)`) that a statement reading
 * the rows can read along, as a JSON subquery per row: its arguments are written in the query (no
 * variables, no cursor) or fixed by its service, so they are known before the rows are read.
 */
export interface NestedList {
  /** "Talent.unionMemberships". */
  relation: string;
  target: TableSpec;
  link: ParentLink;
  args: ListArgs;
  withTotal: boolean;
  /** What the query selects on the items. */
  plan: Plan;
  /** A list its service reads with fixed arguments and without `info` (see `FixedList` in registry.ts). */
  fixed: boolean;
}

/** Whether a field's arguments use variables (then they are known per request only). */
const usesVariables = (node: FieldNode) => {
  let found = false;
  for (const argument of node.arguments ?? []) {
    visit(argument.value, {
      Variable() {
        found = true;
        return BREAK;
      },
    });
  }
  return found;
};

/**
 * A to-one relation read in the same statement as its parent rows (a LEFT JOIN on the primary key),
 * because the query selects it: the relation's resolver then finds its row already loaded.
 */
export interface Join {
  /** GraphQL field of the parent type, e.g. "organization". */
  field: string;
  /** Table alias in the statement (j0, j1, …, generated); its name prefixes its columns in the row. */
  alias: Alias;
  /** Parent column holding the target's key, e.g. "organization_id". */
  column: string;
  /** The parent row's key of that column, e.g. "organizationId". */
  key: string;
  target: TableSpec;
  /** What the query selects of the target in turn. */
  plan: Plan;
}

export const EMPTY_PLAN: Plan = { joins: [], computed: [] };

/** The selection sets below a field: its own (to-one fields) or its `nodes` and `edges.node` (connections). */
export function selectionsOf(info: GraphQLResolveInfo, connection: boolean): SelectionSetNode[] {
  const own = info.fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => !!s);
  if (!connection) return own;
  const fields = subFields(info, own, null);
  const edges = subFields(info, fields.get('edges') ?? [], null);
  return [...(fields.get('nodes') ?? []), ...(edges.get('node') ?? [])];
}

/**
 * The fields selected in `sets` on an object of type `typeName` (null: any type), by field name, each
 * with the selection sets below it; fragments are followed when they apply to the type.
 */
function subFields(
  info: GraphQLResolveInfo,
  sets: readonly SelectionSetNode[],
  typeName: string | null,
  nodes?: Map<string, FieldNode[]>,
): Map<string, SelectionSetNode[]> {
  const found = new Map<string, SelectionSetNode[]>();
  const applies = (condition: string | undefined) => {
    if (!condition || !typeName || condition === typeName) return true;
    const abstract = info.schema.getType(condition);
    const concrete = info.schema.getType(typeName);
    return (
      !!abstract &&
      !!concrete &&
      isAbstractType(abstract) &&
      (isObjectType(concrete) || isInterfaceType(concrete)) &&
      info.schema.isSubType(abstract, concrete)
    );
  };
  const visit = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const field = s as FieldNode;
        const list = found.get(field.name.value) ?? [];
        if (field.selectionSet) list.push(field.selectionSet);
        found.set(field.name.value, list);
        if (nodes) nodes.set(field.name.value, [...(nodes.get(field.name.value) ?? []), field]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition?.name.value)) visit(s.selectionSet);
      } else {
        const fragment = info.fragments[s.name.value];
        if (fragment && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) visit(set);
  return found;
}

/**
 * The to-one relations of `spec` (its `one` filters, which are also its relation fields) and the
 * computed fields that `sets` select, and theirs in turn; join aliases come from `aliases` (the
 * statement's: one plan is read by one statement).
 */
export function planRead(
  info: GraphQLResolveInfo,
  spec: TableSpec,
  sets: readonly SelectionSetNode[],
  aliases = new Aliases(),
): Plan {
  const { lists: declared, placed } = registry();
  if (!placed) {
    throw new Error(
      'a read is planned before the schema is built and buildRegistry(modules, orm.getMetadata()) ran',
    );
  }
  const nodes = new Map<string, FieldNode[]>();
  const fields = subFields(info, sets, spec.type, nodes);
  const computed = Object.keys(spec.computed ?? {}).filter((f) => fields.has(f));
  const columns = neededColumns(spec, declared, fields.keys());
  const joins: Join[] = [];
  for (const [field, filter] of Object.entries(spec.filters)) {
    if (filter.kind !== 'one' || !fields.has(field)) continue;
    const target = filter.target();
    const alias = aliases.next('j');
    joins.push({
      field,
      alias,
      column: filter.column,
      key: filter.key,
      target,
      plan: planRead(info, target, fields.get(field)!, aliases),
    });
  }
  const lists = nestedListsOf(info, spec, declared, nodes);
  const plan: Plan = { joins, computed, columns };
  if (lists.length) plan.lists = lists;
  return plan;
}

/**
 * The declared nested lists selected once, without directives, with arguments written in the query
 * and no cursor; what they select is planned like any list (so the plan equals the one their
 * resolver computes, and so does its loader key).
 */
function nestedListsOf(
  info: GraphQLResolveInfo,
  spec: TableSpec,
  declared: ReadonlyMap<string, NestedListDef>,
  nodes: Map<string, FieldNode[]>,
) {
  const lists: NestedList[] = [];
  for (const [field, found] of nodes) {
    const relation = `${spec.type}.${field}`;
    const list = declared.get(relation);
    const node = found[0]!;
    if (!list || found.length !== 1 || node.directives?.length) continue;
    const { target, link, fixed } = list;
    if (fixed) {
      const plan = fixed.plan?.(info, node) ?? EMPTY_PLAN;
      lists.push({ relation, target, link, args: fixed.args, withTotal: false, plan, fixed: true });
      continue;
    }
    if (usesVariables(node)) continue;
    const definition = (info.schema.getType(spec.type) as GraphQLObjectType).getFields()[field];
    if (!definition) continue;
    const args = getArgumentValues(definition, node, {}) as ListArgs;
    if (args.after != null || args.before != null) continue;
    const own = node.selectionSet ? [node.selectionSet] : [];
    const below = subFields(info, own, null);
    const edges = subFields(info, below.get('edges') ?? [], null);
    lists.push({
      relation,
      target,
      link,
      args,
      withTotal: below.has('totalCount'),
      plan: planRead(info, target, [...(below.get('nodes') ?? []), ...(edges.get('node') ?? [])]),
      fixed: false,
    });
  }
  return lists;
}

/** Columns every table's resolvers of these names read, where the table has them. */
const COMMON_FIELDS: Record<string, string[]> = {
  name: ['nameZh', 'nameEn'],
  description: ['descriptionZh', 'descriptionEn'],
  location: ['lat', 'lng'],
};

/** The row keys a field with a resolver of its own reads, if `spec` declares them (see `TableDef.fieldColumns`). */
function declaredColumns(spec: TableSpec, field: string): string[] | undefined {
  const declared = spec.fieldColumns?.[field];
  if (declared) return declared;
  const common = COMMON_FIELDS[field];
  return common?.every((c) => Object.hasOwn(spec.columnOf, c)) ? common : undefined;
}

/**
 * Whether the read engine knows what the resolver field `field` of `spec` rows reads: its declared
 * columns, a to-one relation (its key column), a computed field, or a list read by the row's key.
 */
function placed(spec: TableSpec, lists: ReadonlyMap<string, unknown>, field: string): boolean {
  return (
    spec.filters[field]?.kind === 'one' ||
    !!spec.computed?.[field] ||
    lists.has(`${spec.type}.${field}`) ||
    declaredColumns(spec, field) !== undefined
  );
}

/**
 * Refuses to start when a field with a resolver of its own on a type read from the registry's
 * tables is one the read engine cannot place (see `placed`): reads select only the columns the
 * selected fields need, so such a field would read columns nobody selected. `resolverFields(type)`
 * gives the fields of an object type resolved by a method. Throws naming every such "Type.field"
 * and what to declare.
 */
export function checkFieldPlacement(
  { tables, lists }: Pick<Registry, 'tables' | 'lists'>,
  resolverFields: (type: string) => Iterable<string>,
): void {
  const unplaced: string[] = [];
  for (const spec of tables.values()) {
    for (const field of resolverFields(spec.type)) {
      if (!placed(spec, lists, field)) unplaced.push(`${spec.type}.${field}`);
    }
  }
  if (unplaced.length) {
    throw new Error(
      `the read engine cannot place ${unplaced.join(', ')}: declare the row keys each reads in its table spec's fieldColumns ([] when it reads the key only), or make it a relation filter, a computed field or a list read along (readAlong, in its module's lists)`,
    );
  }
}

/** The row keys the selected `fields` of a `spec` row read (every resolver field is placed: see `checkFieldPlacement`). */
function neededColumns(
  spec: TableSpec,
  lists: ReadonlyMap<string, unknown>,
  fields: Iterable<string>,
): string[] {
  const needed = new Set<string>();
  for (const field of fields) {
    if (field === 'id' || field.startsWith('__')) continue;
    const filter = spec.filters[field];
    if (filter?.kind === 'one') {
      needed.add(filter.key);
      continue;
    }
    if (spec.computed?.[field] || lists.has(`${spec.type}.${field}`)) continue;
    const declared = declaredColumns(spec, field);
    if (declared) for (const c of declared) needed.add(c);
    else if (Object.hasOwn(spec.columnOf, field)) needed.add(field);
  }
  return [...needed].sort();
}

const signatures = new WeakMap<Plan, string>();

/** A text naming a plan (for loader keys: reads that fetch differently do not share a loader). */
export function planSignature(plan: Plan): string {
  return getOrMake(
    signatures,
    plan,
    () =>
      `${plan.columns ? `{${plan.columns.join(',')}}` : ''}${plan.computed.join('+')}[${plan.joins.map((j) => `${j.field}(${planSignature(j.plan)})`).join(',')}]`,
  );
}

/** Whether the field being resolved selects `name` directly below it (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return subFields(info, selectionsOf(info, false), null).has(name);
}

const plans = new WeakMap<object, Map<TableSpec, Plan>>();

/**
 * The plan of the field being resolved (`connection`: of its items), computed once per field of a
 * parsed operation and table: Apollo reuses parsed documents, so repeated requests and every parent
 * of a nested list share it. A plan depends on the selection only; the viewer's scopes and private
 * columns are applied when its SQL is written.
 */
export function planOf(info: GraphQLResolveInfo, spec: TableSpec, connection: boolean): Plan {
  const bySpec = getOrMake(plans, info.fieldNodes[0]!, () => new Map<TableSpec, Plan>());
  return getOrMake(bySpec, spec, () => planRead(info, spec, selectionsOf(info, connection)));
}
