import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { ErrorCode, requestError } from './errors.js';

/**
 * The static cost of an operation, estimated before it runs, the way GitHub and Shopify price
 * queries: a field that returns objects costs its weight (1, more for fields that cost SQL of their
 * own) and each list multiplies the cost of what it selects by the page it asks for (`first` or
 * `last`, the page size of 20 when absent). Leaves (scalars, enums) cost nothing. Inline fragments
 * and fragments on several types are all counted (an upper bound).
 */
export interface CostLimits {
  /** Most an operation may cost (MAX_QUERY_COST). */
  maxCost: number;
  /** Most aliased fields an operation may have, fragments expanded (MAX_ALIASES). */
  maxAliases: number;
  /** Most fields an operation may select, fragments expanded (MAX_FIELDS). */
  maxFields: number;
  /**
   * Most fields of one selection set that share a response name, fragments expanded
   * (MAX_REPEATED_FIELDS, default 50): graphql-js's validation compares them pairwise.
   */
  maxRepeatedFields?: number;
}

export const DEFAULT_MAX_REPEATED_FIELDS = 50;

/** Page size a list answers when neither `first` nor `last` is given (as the read path does). */
export const DEFAULT_PAGE = 20;

/**
 * Weights of fields that cost more than reading a row: each runs SQL of its own that no alias or
 * sibling shares. A root field is one statement per alias (10 at least); a region's `stats` is a
 * dashboard of grouped statements; `network` walks its graph one statement per level and type
 * (priced per level of `depth`); grouped figures and the maps of all villages or houses aggregate a table.
 */
const FIELD_WEIGHTS: Record<string, number> = {
  'Region.stats': 500,
  'Query.villagesGeoJson': 500,
  'Query.villageMap': 500,
  'Query.ruralHouseMap': 500,
  'Query.search': 100,
};
const ROOT_WEIGHT = 10;
const NETWORK_WEIGHT_PER_LEVEL = 1000;
const GROUPS_WEIGHT = 10;

/** A variable-dependent number: a constant, or read from the request's variables. */
type Amount = number | ((variables: Record<string, unknown>) => number);

/** A field of the cost tree: its own weight, the multiplier of its children, its children. */
interface CostNode {
  weight: Amount;
  multiplier: Amount;
  children: CostNode[];
}

/** What `plan` learns of an operation once: its cost (or how to compute it from variables) and its size. */
export interface CostPlan {
  /** The cost when it does not depend on variables. */
  fixed?: number;
  tree: CostNode[];
  fields: number;
  aliases: number;
}

const evaluate = (amount: Amount, variables: Record<string, unknown>) =>
  typeof amount === 'number' ? amount : amount(variables);

function costOf(nodes: CostNode[], variables: Record<string, unknown>): number {
  let total = 0;
  for (const node of nodes) {
    const children = node.children.length ? costOf(node.children, variables) : 0;
    total += evaluate(node.weight, variables) + evaluate(node.multiplier, variables) * children;
  }
  return total;
}

/** Default values of an operation's variables (`$first: Int = 20`), as plain values. */
type Defaults = Map<string, unknown>;

/** A non-negative integer from an argument: its literal, its variable (or the variable's default), or `fallback`. */
function intArgument(arg: ArgumentNode | undefined, fallback: number, defaults: Defaults): Amount {
  if (!arg) return fallback;
  const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return numberOf(arg.value, fallback, defaults, int);
}

/** The length of a list argument (`nodes(ids:)`): its literal, its variable, or `fallback`. */
function lengthArgument(arg: ArgumentNode | undefined, fallback: number, defaults: Defaults): Amount {
  if (!arg) return fallback;
  if (arg.value.kind === Kind.LIST) return arg.value.values.length;
  const length = (v: unknown) => (Array.isArray(v) ? v.length : v == null ? fallback : 1);
  return numberOf(arg.value, fallback, defaults, length);
}

function numberOf(
  value: ValueNode,
  fallback: number,
  defaults: Defaults,
  fromValue: (v: unknown) => number,
): Amount {
  if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    const otherwise = defaults.has(name) ? fromValue(defaults.get(name)) : fallback;
    return (variables) => Math.max(0, variables[name] === undefined ? otherwise : fromValue(variables[name]));
  }
  return fallback;
}

/** The default of a field's argument in the schema (e.g. `network(first: Int! = 100)`). */
function schemaDefault(field: GraphQLField<unknown, unknown>, name: string, fallback: number): number {
  const value = field.args.find((a) => a.name === name)?.defaultValue;
  return typeof value === 'number' ? value : fallback;
}

const tooBig = (message: string, details: Record<string, unknown>) =>
  requestError(ErrorCode.COST_LIMIT_EXCEEDED, message, details);

const tooManyFields = (maxFields: number) =>
  tooBig(`The operation selects more than ${maxFields} fields (fragments expanded).`, { maxFields });
const tooManyAliases = (maxAliases: number) =>
  tooBig(`The operation has more than ${maxAliases} aliased fields (fragments expanded).`, { maxAliases });

/** What a selection set holds, fragments expanded: its fields and aliases at any depth, its own response names. */
interface Size {
  fields: number;
  aliases: number;
  names: Map<string, number>;
}

/**
 * Refuses a document too large to validate, before graphql-js validates it (COST_LIMIT_EXCEEDED):
 * an operation with more fields or aliases than `plan` would accept, or a selection set with more
 * than `maxRepeatedFields` fields of one response name (`{ totalCount totalCount … }`,
 * `a: villages a: villages …`). Validation compares the fields of a response name pairwise
 * (OverlappingFieldsCanBeMergedRule): 800 copies of one field cost it a tenth of a second before it
 * gives up with an uncoded "Validation aborted.". Syntax only (no schema), and linear in the document:
 * each fragment is measured once, however often it is spread; a fragment spreading itself counts
 * nothing (validation refuses the cycle). Fields named `__…` are counted as `plan` counts them: not
 * towards the totals, but their repeats are.
 */
export function checkDocumentSize(document: DocumentNode, limits: CostLimits): void {
  const maxRepeats = limits.maxRepeatedFields ?? DEFAULT_MAX_REPEATED_FIELDS;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, Size | null>();
  const EMPTY: Size = { fields: 0, aliases: 0, names: new Map() };

  function fragmentSize(name: string): Size {
    const known = measured.get(name);
    if (known !== undefined) return known ?? EMPTY;
    const fragment = fragments.get(name);
    if (!fragment) return EMPTY;
    measured.set(name, null);
    const size = measure(fragment.selectionSet);
    measured.set(name, size);
    return size;
  }

  function measure(set: SelectionSetNode): Size {
    const size: Size = { fields: 0, aliases: 0, names: new Map() };
    const add = (name: string, count: number) => size.names.set(name, (size.names.get(name) ?? 0) + count);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        add((selection.alias ?? selection.name).value, 1);
        const child = selection.selectionSet ? measure(selection.selectionSet) : EMPTY;
        if (selection.name.value.startsWith('__')) continue;
        size.fields += 1 + child.fields;
        size.aliases += (selection.alias ? 1 : 0) + child.aliases;
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : fragmentSize(selection.name.value);
        size.fields += inner.fields;
        size.aliases += inner.aliases;
        for (const [name, count] of inner.names) add(name, count);
      }
    }
    for (const [name, count] of size.names) {
      if (count > maxRepeats) {
        throw tooBig(
          `The operation selects "${name}" ${count} times in one selection set (fragments expanded); the most is ${maxRepeats}.`,
          { maxRepeatedFields: maxRepeats, field: name },
        );
      }
    }
    return size;
  }

  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      // Unused fragments are validated too: their repeats count.
      fragmentSize(d.name.value);
    } else if (d.kind === Kind.OPERATION_DEFINITION) {
      const size = measure(d.selectionSet);
      if (size.fields > limits.maxFields) throw tooManyFields(limits.maxFields);
      if (size.aliases > limits.maxAliases) throw tooManyAliases(limits.maxAliases);
    }
  }
}

/**
 * Builds the cost tree of an operation against the schema, counting its fields and aliases with
 * fragments expanded. Stops as soon as either count passes its limit (a fragment that spreads another
 * twice, twelve levels deep, would otherwise expand to thousands of fields).
 */
export function plan(
  schema: GraphQLSchema,
  document: { definitions: readonly { kind: string }[] },
  operation: OperationDefinitionNode,
  limits: CostLimits,
): CostPlan {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = d as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  const defaults: Defaults = new Map();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) defaults.set(v.variable.name.value, valueFromASTUntyped(v.defaultValue));
  }
  let fields = 0;
  let aliases = 0;
  let dynamic = false;
  const track = (amount: Amount) => {
    if (typeof amount !== 'number') dynamic = true;
    return amount;
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();

  function fieldNode(parentType: string, def: GraphQLField<unknown, unknown> | undefined, node: FieldNode) {
    fields++;
    if (node.alias) aliases++;
    if (fields > limits.maxFields) throw tooManyFields(limits.maxFields);
    if (aliases > limits.maxAliases) throw tooManyAliases(limits.maxAliases);
    const args = new Map((node.arguments ?? []).map((a) => [a.name.value, a]));
    const named = def ? getNamedType(def.type) : undefined;
    const composite = named !== undefined && isCompositeType(named);
    let weight: Amount = composite ? 1 : 0;
    let multiplier: Amount = 1;
    const key = `${parentType}.${node.name.value}`;
    if (parentType === root?.name) weight = ROOT_WEIGHT;
    if (FIELD_WEIGHTS[key] !== undefined) weight = FIELD_WEIGHTS[key]!;
    // A plain list without a page (a village's themes, a connection's nodes) is priced by its parent's page.
    if (def) {
      const hasPage = def.args.some((a) => a.name === 'first' || a.name === 'last');
      if (hasPage) {
        const fallback = schemaDefault(def, 'first', DEFAULT_PAGE);
        multiplier = track(
          args.has('last')
            ? intArgument(args.get('last'), fallback, defaults)
            : intArgument(args.get('first'), fallback, defaults),
        );
      } else if (node.name.value === 'nodes' && args.has('ids')) {
        multiplier = track(lengthArgument(args.get('ids'), 1, defaults));
        weight = ROOT_WEIGHT;
      }
      if (named && isObjectType(named) && named.name.endsWith('Groups')) weight = GROUPS_WEIGHT;
      if (node.name.value === 'network' && parentType === root?.name) {
        const depth = track(intArgument(args.get('depth'), schemaDefault(def, 'depth', 2), defaults));
        weight =
          typeof depth === 'number'
            ? NETWORK_WEIGHT_PER_LEVEL * depth
            : (variables) => NETWORK_WEIGHT_PER_LEVEL * depth(variables);
      }
    }
    const children =
      node.selectionSet && named && isCompositeType(named) ? selections(named.name, node.selectionSet) : [];
    return { weight, multiplier, children };
  }

  function selections(typeName: string, set: SelectionSetNode, visiting = new Set<string>()): CostNode[] {
    const out: CostNode[] = [];
    const type = schema.getType(typeName);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        // Introspection is bounded by the schema; __typename costs nothing.
        if (selection.name.value.startsWith('__')) continue;
        const def =
          type && (isObjectType(type) || isInterfaceType(type))
            ? type.getFields()[selection.name.value]
            : undefined;
        out.push(fieldNode(typeName, def, selection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        out.push(
          ...selections(selection.typeCondition?.name.value ?? typeName, selection.selectionSet, visiting),
        );
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        out.push(...selections(fragment.typeCondition.name.value, fragment.selectionSet, visiting));
        visiting.delete(name);
      }
    }
    return out;
  }

  const tree = root ? selections(root.name, operation.selectionSet) : [];
  return { tree, fields, aliases, fixed: dynamic ? undefined : costOf(tree, {}) };
}

/** The cost of a planned operation for these variables. */
export function costWith(planned: CostPlan, variables: Record<string, unknown> | undefined): number {
  return planned.fixed ?? costOf(planned.tree, variables ?? {});
}
