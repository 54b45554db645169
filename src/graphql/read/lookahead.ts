import {
  type FieldNode,
  type GraphQLResolveInfo,
  isAbstractType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { TableSpec } from './table.js';

/**
 * What a read of rows of one table fetches beyond their columns because the query selects it: to-one
 * relations (joined) and computed fields (scalar subqueries), at every level below.
 */
export interface Plan {
  joins: Join[];
  /** Computed fields of the table (`TableSpec.computed`) to select. */
  computed: string[];
}

/**
 * A to-one relation read in the same statement as its parent rows (a LEFT JOIN on the primary key),
 * because the query selects it: the relation's resolver then finds its row already loaded.
 */
export interface Join {
  /** GraphQL field of the parent type, e.g. "organization". */
  field: string;
  /** Table alias in the statement (j0, j1, …); also the prefix of its columns in the row. */
  alias: string;
  /** Parent column holding the target's key, e.g. "organization_id". */
  column: string;
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
      info.schema.isSubType(abstract, concrete as never)
    );
  };
  const visit = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const field = s as FieldNode;
        const list = found.get(field.name.value) ?? [];
        if (field.selectionSet) list.push(field.selectionSet);
        found.set(field.name.value, list);
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
 * computed fields that `sets` select, and theirs in turn; join aliases are numbered from `counter`.
 */
export function planRead(
  info: GraphQLResolveInfo,
  spec: TableSpec,
  sets: readonly SelectionSetNode[],
  counter = { n: 0 },
): Plan {
  const fields = subFields(info, sets, spec.type);
  const computed = Object.keys(spec.computed ?? {}).filter((f) => fields.has(f));
  const joins: Join[] = [];
  for (const [field, filter] of Object.entries(spec.filters)) {
    if (filter.kind !== 'one' || !fields.has(field)) continue;
    const target = filter.target();
    const alias = `j${counter.n++}`;
    joins.push({
      field,
      alias,
      column: filter.column,
      target,
      plan: planRead(info, target, fields.get(field)!, counter),
    });
  }
  return { joins, computed };
}

/** A text naming a plan (for loader keys: reads that fetch differently do not share a loader). */
export const planSignature = (plan: Plan): string =>
  `${plan.computed.join('+')}[${plan.joins.map((j) => `${j.field}(${planSignature(j.plan)})`).join(',')}]`;

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
  const node = info.fieldNodes[0]!;
  let bySpec = plans.get(node);
  if (!bySpec) {
    bySpec = new Map();
    plans.set(node, bySpec);
  }
  let plan = bySpec.get(spec);
  if (!plan) {
    plan = planRead(info, spec, selectionsOf(info, connection));
    bySpec.set(spec, plan);
  }
  return plan;
}
