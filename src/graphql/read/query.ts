import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { getOrMake } from '../../lib/maps.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { toGlobalId } from '../ids.js';
import { policy } from '../viewer.js';
import { EMPTY_PLAN, type Join, type NestedList, type Plan, planOf, planSignature } from './lookahead.js';
import { camel, FALSE, raw, Sql, sql, uuidArray } from './sql.js';
import type { Direction, ListArgs, ParentLink, Row, TableSpec } from './table.js';
import { compileWhere } from './where.js';

export type { Direction, ListArgs, ParentLink } from './table.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** One page of a list, before it is shaped into a GraphQL connection. */
export interface Page {
  rows: Row[];
  /** Cursor of each row (computed when first read). */
  readonly cursors: string[];
  total: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A statement text in PostgreSQL's `$n` form and the name it is prepared under. */
interface Prepared {
  name: string;
  text: string;
}
const prepared = new Map<string, Prepared>();

/**
 * The prepared form of a statement text: `?` placeholders numbered `$1…$n` (our SQL never holds a
 * literal `?`: values are always parameters) and a name derived from the text, so every connection
 * parses and plans a statement shape once and PostgreSQL can switch to a generic plan.
 */
function prepare(text: string): Prepared {
  let found = prepared.get(text);
  if (!found) {
    let n = 0;
    const numbered = text.replace(/\?/g, () => `$${++n}`);
    found = {
      name: `r${createHash('sha1').update(numbered).digest('base64url').slice(0, 22)}`,
      text: numbered,
    };
    // The read path has a bounded set of shapes; a runaway (say, generated `where` trees) must not grow it forever.
    if (prepared.size > 5000) prepared.clear();
    prepared.set(text, found);
  }
  return found;
}

/**
 * Named statements each connection holds, least recently used first. Values are bound parameters (the
 * point of a `near` filter and of an `orderBy: DISTANCE` too), but statement texts still follow the
 * shape of a request: a client generating `where` trees would otherwise leave one prepared statement
 * per shape in every backend, kept for the connection's life.
 */
const namedOn = new WeakMap<PgConnection, Map<string, true>>();
let maxNamed = 500;

/** How many named statements a connection keeps (MAX_PREPARED_STATEMENTS); past it the oldest is deallocated. */
export function limitPreparedStatements(max: number) {
  maxNamed = max;
}

/** The statement names this connection holds, by the read path's account (for tests and operators). */
export const preparedOn = (connection: unknown): number => namedOn.get(connection as PgConnection)?.size ?? 0;

/** Marks `name` as the most recently used on `connection`, deallocating the least recently used past the bound. */
function touchNamed(connection: PgConnection, name: string) {
  let names = namedOn.get(connection);
  if (!names) {
    names = new Map();
    namedOn.set(connection, names);
  }
  if (names.delete(name)) {
    names.set(name, true);
    return;
  }
  names.set(name, true);
  if (names.size <= maxNamed) return;
  const oldest = names.keys().next().value as string;
  names.delete(oldest);
  // pg remembers what it prepared on the connection and would skip the Parse of a name it thinks is there.
  const parsed = connection.connection?.parsedStatements;
  if (parsed && oldest in parsed) {
    delete parsed[oldest];
    // Queued ahead of the statement about to run on the same connection; a failure only leaves it prepared.
    connection.query(`deallocate "${oldest}"`).catch(() => {});
  }
}

interface PgField {
  name: string;
  dataTypeID: number;
}
interface PgConnection {
  query(
    config:
      | {
          name: string;
          text: string;
          values: unknown[];
        }
      | string,
  ): Promise<{ rows: unknown[]; fields: PgField[] }>;
  /** pg's record of the statements it prepared on this connection (name → text). */
  connection?: { parsedStatements?: Record<string, string> };
  getTypeParser(oid: number, format: 'text'): (text: string) => unknown;
}
interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Runs one statement as a named prepared statement on a connection of the ORM's pool, counting it.
 * Rows come back as plain objects: nothing is hydrated. `onFields` sees the columns' descriptions.
 */
export function runSql<T = Record<string, unknown>>(
  ctx: Context,
  query: Sql,
  onFields?: (fields: PgField[], connection: PgConnection) => void,
): Promise<T[]> {
  return runPrepared<T>(ctx, prepare(query.text), query.params, onFields);
}

/** `runSql` of a statement already prepared (see `prepare`) with its parameters. */
async function runPrepared<T>(
  ctx: Context,
  { name, text }: Prepared,
  params: readonly unknown[],
  onFields?: (fields: PgField[], connection: PgConnection) => void,
): Promise<T[]> {
  // A request that timed out or whose client left issues no more statements.
  if (ctx.signal?.aborted) throw ctx.signal.reason;
  ctx.stats.statements++;
  const pool = (ctx.knex as unknown as { client: PoolClient }).client;
  const connection = await pool.acquireConnection();
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    touchNamed(connection, name);
    const result = await connection.query({ name, text, values: params as unknown[] });
    onFields?.(result.fields, connection);
    return result.rows as T[];
  } finally {
    await pool.releaseConnection(connection);
  }
}

const publicSelect = new WeakMap<TableSpec, Map<string, string>>();

/**
 * `t.id as pk, t.town_id as "townId", …`: the public columns of `spec` on `alias`, then each private
 * column as the policy lets this viewer read it (masked in SQL, or not selected at all). Output names
 * carry `prefix` (a joined relation's columns: "j0.pk", "j0.nameZh", …).
 */
function selectList(
  ctx: Context,
  spec: TableSpec,
  alias = 't',
  prefix = '',
  columns?: readonly string[],
): string {
  const cached = getOrMake(publicSelect, spec, () => new Map<string, string>());
  let text = getOrMake(cached, `${alias}|${prefix}|${columns?.join(',') ?? '*'}`, () => {
    const wanted = columns ? spec.columns.filter((k) => columns.includes(k)) : spec.columns;
    return [
      `${alias}.id as "${prefix}pk"`,
      ...wanted.map((k) => `${alias}.${spec.columnOf[k]} as "${prefix}${k}"`),
    ].join(', ');
  });
  for (const key of spec.privateColumns ?? []) {
    if (columns && !columns.includes(key)) continue;
    const expr = policy.privateColumn(ctx.viewer, spec.table, alias, spec.columnOf[key]!);
    if (expr) text += `, ${expr} as "${prefix}${key}"`;
  }
  return text;
}

/** Gives a row this API built (a joined relation, an item read along) its type name and global id. */
function finish(spec: TableSpec, row: Record<string, unknown>): Row {
  row.__typename = spec.type;
  row.id = toGlobalId(spec.type, row.pk as string);
  return row as Row;
}

/**
 * A row as pg returned it, as a row of `spec` with its type name and global id. A new object: pg
 * builds rows as copies of one template object, and V8 gives every property added to such a copy a
 * hidden class of its own (measured: 3.4 µs a row instead of 0.3, and every property read of the
 * row in the resolvers turned megamorphic). `pk` carries the key; no select list has an `id` column.
 */
function fetched(spec: TableSpec, row: Record<string, unknown>): Row {
  return { __typename: spec.type, id: toGlobalId(spec.type, row.pk as string), ...row } as Row;
}

const computedTexts = new WeakMap<Plan, Map<string, string>>();

/** Computed fields as `$name` columns (`prefix$name` on joined relations); a plan's text is built once. */
function computedColumns(spec: TableSpec, plan: Plan, alias: string, prefix: string): string {
  if (!plan.computed.length) return '';
  return getOrMake(
    getOrMake(computedTexts, plan, () => new Map<string, string>()),
    `${alias}|${prefix}`,
    () => plan.computed.map((f) => `, ${spec.computed![f]!(alias)} as "${prefix}$${f}"`).join(''),
  );
}

/** What a plan adds to the select list: computed fields, then the columns of joined relations. */
function planColumns(ctx: Context, spec: TableSpec, plan: Plan, alias = 't', prefix = ''): string {
  return (
    computedColumns(spec, plan, alias, prefix) +
    plan.joins
      .map(
        (j) =>
          `, ${selectList(ctx, j.target, j.alias, `${j.alias}.`, j.plan.columns)}${planColumns(ctx, j.target, j.plan, j.alias, `${j.alias}.`)}`,
      )
      .join('')
  );
}

/** LEFT JOINs of the relations on their primary key; rows the viewer may not see join as nulls. */
function joinClauses(ctx: Context, plan: Plan, parent = 't'): string {
  return plan.joins
    .map((j) => {
      const scope = policy.rowScope(ctx.viewer, j.target.table, j.alias);
      return ` left join ${j.target.table} ${j.alias} on ${j.alias}.id = ${parent}.${j.column}${scope ? ` and ${scope}` : ''}${joinClauses(ctx, j.plan, j.alias)}`;
    })
    .join('');
}

const joinedKeyCache = new WeakMap<Join, [string, string][]>();

/** Each row key of a joined relation with its column name in the statement ("j0.nameZh"). */
function joinedKeys(j: Join): [string, string][] {
  return getOrMake(joinedKeyCache, j, () => {
    // A pruned read selects its plan's columns only (private ones when the policy lets it).
    const columns = j.plan.columns ?? [...j.target.columns, ...(j.target.privateColumns ?? [])];
    return ['pk', ...columns, ...j.plan.computed.map((f) => `$${f}`)].map((k) => [k, `${j.alias}.${k}`]);
  });
}

/**
 * Copies the columns of joined relations from a fetched row into rows of their own and hands each
 * to the loader its relation field reads (`findById(…, "Type.field")`), so resolving it costs no SQL.
 */
function primeJoins(
  ctx: Context,
  spec: TableSpec,
  parent: Record<string, unknown>,
  flat: Record<string, unknown>,
  plan: Plan,
) {
  for (const j of plan.joins) {
    const row: Record<string, unknown> = {};
    for (const [key, column] of joinedKeys(j)) {
      if (column in flat) row[key] = flat[column];
    }
    const target = row.pk == null ? null : finish(j.target, row);
    if (target) primeJoins(ctx, j.target, target, flat, j.plan);
    const key = parent[j.key];
    // The relation's resolver (findById with its info) computes the same plan from the same
    // selection, so it finds the row here, without a statement or a promise. A selection that differs
    // (aliases of one relation asking different fields) plans differently and loads its own row.
    if (key != null) {
      const relation = `${spec.type}.${j.field}`;
      ctx.loaders.prime(byIdKey(j.target, relation, j.plan), key as string, target);
    }
  }
}

/** `expr = $1` for one key (PostgreSQL plans it better), `expr = any($1::uuid[])` for a batch. */
export function keyCondition(ids: readonly string[], expr: string): Sql {
  return ids.length === 1
    ? sql`${raw(expr)} = ${ids[0]}`
    : sql`${raw(expr)} = any(${uuidArray(ids)}::uuid[])`;
}

function scopeOf(ctx: Context, spec: TableSpec, alias = 't'): Sql | null {
  const scope = policy.rowScope(ctx.viewer, spec.table, alias);
  return scope ? raw(scope) : null;
}

const byIdKeys = new WeakMap<Plan, WeakMap<TableSpec, Map<string, string>>>();

/** The loader key of rows of `spec` read for `relation` with `plan` (built once: it is looked up per row). */
function byIdKey(spec: TableSpec, relation: string, plan: Plan): string {
  const bySpec = getOrMake(byIdKeys, plan, () => new WeakMap());
  const byRelation = getOrMake(bySpec, spec, () => new Map<string, string>());
  return getOrMake(byRelation, relation, () => `byId:${spec.type}:${relation}:${planSignature(plan)}`);
}

/** The loader of rows of `spec` by primary key for one relation field (and the joins it reads with). */
function byIdLoader(ctx: Context, spec: TableSpec, relation: string, plan: Plan) {
  return ctx.loaders.get<Row | null>(
    byIdKey(spec, relation, plan),
    async (ids) => {
      const rows = await readRows(ctx, spec, plan, keyCondition(ids, 't.id'));
      return new Map(rows.map((row) => [row.pk, row]));
    },
    null,
  );
}

/** A read's statement up to its `where`, with the lists it reads along and its prepared forms by condition. */
interface ReadHead {
  text: string;
  params: readonly unknown[];
  folded: Folded[];
  /** Whether every nested list is read along (see `Fold`). */
  complete: boolean;
  statements: Map<string, Prepared>;
}
/** Heads of anonymous reads (every list read along) by plan, then table, language and key column. */
const publicHeads = new WeakMap<Plan, Map<string, ReadHead>>();

/**
 * What `make` builds for this viewer from `plan`. For anonymous callers the SQL depends on the plan
 * and `variant` only: it is built once and kept, as soon as `make` reads every nested list along.
 */
function forViewer<T extends { complete: boolean }>(
  cache: WeakMap<Plan, Map<string, T>>,
  ctx: Context,
  plan: Plan,
  variant: string,
  make: () => T,
): T {
  if (ctx.viewer.kind !== 'anonymous') return make();
  const cached = cache.get(plan)?.get(variant);
  if (cached) return cached;
  const made = make();
  if (made.complete) getOrMake(cache, plan, () => new Map<string, T>()).set(variant, made);
  return made;
}

/**
 * The head of a read of `spec` with `plan`: the select list, joins and the lists read along, with
 * the prepared statement of each condition, so a repeated anonymous read writes and hashes no SQL.
 */
function readHead(ctx: Context, spec: TableSpec, plan: Plan, key: string): ReadHead {
  return forViewer(publicHeads, ctx, plan, `${spec.table}|${ctx.locale}|${key}`, () => {
    const fold = foldLists(ctx, plan, '__p.pk');
    const head = sql`select ${raw(selectList(ctx, spec, 't', '', plan.columns) + planColumns(ctx, spec, plan) + (key ? `, ${key} as __key` : ''))}${fold.select} from ${raw(spec.table)} t${raw(joinClauses(ctx, plan))}${raw(fold.folded.length ? LATERAL_KEY : '')} where `;
    const { folded, complete } = fold;
    return { text: head.text, params: head.params, folded, complete, statements: new Map() };
  });
}

/**
 * Rows of `spec` the viewer may see that meet `condition`, with what `plan` reads along (joined
 * relations primed for their resolvers, computed fields, nested lists); `key` adds a column `__key`.
 */
async function readRows(ctx: Context, spec: TableSpec, plan: Plan, condition: Sql, key = ''): Promise<Row[]> {
  const head = readHead(ctx, spec, plan, key);
  const where = Sql.and([condition, scopeOf(ctx, spec)])!;
  const statement = getOrMake(head.statements, where.text, () => prepare(head.text + where.text));
  const rows = await runPrepared<Record<string, unknown>>(ctx, statement, [...head.params, ...where.params]);
  const { folded } = head;
  return rows.map((r) => {
    const row = fetched(spec, r);
    primeJoins(ctx, spec, row, row, plan);
    if (folded.length) primeLists(ctx, row, folded);
    return row;
  });
}

/**
 * Loads rows of `spec` by primary key in one statement per batch; rows the viewer may not see are
 * null. `relation` names the field asking (e.g. "Investment.investor"): each relation field has its
 * own loader, so the statements of an operation depend on its shape alone, not on which branch of
 * the query happens to reach the database first. With `info`, the to-one relations the query
 * selects below the field are joined into the same statement.
 */
export function findById(
  ctx: Context,
  spec: TableSpec,
  pk: string | null | undefined,
  relation: string,
  info?: GraphQLResolveInfo,
): Row | null | Promise<Row | null> {
  if (!pk) return null;
  const plan = info ? planOf(info, spec, false) : EMPTY_PLAN;
  // A row read with its parent (a joined relation) is returned as it is, without a promise.
  const primed = ctx.loaders.primedOf<Row | null>(byIdKey(spec, relation, plan));
  if (primed?.has(pk)) return primed.get(pk)!;
  return byIdLoader(ctx, spec, relation, plan).load(pk);
}

/**
 * Loads a row of `spec` by a unique text column (e.g. a region's code), batched like `findById`;
 * with `info`, what the query selects below it is read in the same statement (see `planRead`).
 */
export function findByUnique(
  ctx: Context,
  spec: TableSpec,
  column: string,
  value: string,
  info?: GraphQLResolveInfo,
): Promise<Row | null> {
  const plan = info ? planOf(info, spec, false) : EMPTY_PLAN;
  return ctx.loaders
    .get<Row | null>(
      `byUnique:${spec.type}:${column}:${planSignature(plan)}`,
      async (values) => {
        const condition =
          values.length === 1
            ? sql`t.${raw(column)} = ${values[0]}`
            : sql`t.${raw(column)} = any(${values as string[]})`;
        const rows = await readRows(ctx, spec, plan, condition, `t.${column}`);
        return new Map(rows.map((row) => [row.__key as string, row]));
      },
      null,
    )
    .load(value);
}

interface OrderTerm {
  /** A column of `t` or an expression on it; the point of a distance is a bound parameter. */
  expr: Sql;
  direction: Direction;
}

/** Cursor signature of each ordering (a digest of its terms). */
const orderSignatures = new Map<string, string>();

function orderTerms(ctx: Context, spec: TableSpec, orderBy: ListArgs['orderBy'], where?: unknown) {
  const requested = orderBy && orderBy.length > 0 ? orderBy : spec.defaultOrder;
  const terms: OrderTerm[] = requested.map(({ field, direction }) => {
    const order = spec.orders[field];
    if (!order) throw badInput(`${spec.type} lists cannot be ordered by ${field}`, { field: 'orderBy' });
    const column =
      typeof order === 'function' ? order(ctx.locale, where as Record<string, unknown> | undefined) : order;
    const expr = column instanceof Sql ? column : raw(column.startsWith('(') ? column : `t.${column}`);
    return { expr, direction: direction ?? 'ASC' };
  });
  terms.push({ expr: raw('t.id'), direction: terms.at(-1)?.direction ?? 'ASC' });
  // The parameters are part of the ordering: a cursor made for one `near` point is refused for another.
  const text = `${spec.type}|${terms.map((t) => `${t.expr.text}${t.expr.params.length ? JSON.stringify(t.expr.params) : ''}:${t.direction}`).join(',')}`;
  let signature = orderSignatures.get(text);
  if (!signature) {
    signature = createHash('sha1').update(text).digest('base64url').slice(0, 8);
    if (orderSignatures.size > 5000) orderSignatures.clear();
    orderSignatures.set(text, signature);
  }
  return { terms, signature };
}

const flip = (d: Direction): Direction => (d === 'ASC' ? 'DESC' : 'ASC');
const orderSql = (exprs: readonly Sql[], terms: OrderTerm[], reverse: boolean): Sql =>
  Sql.join(
    exprs.map((e, i) => {
      const d = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
      return sql`${e} ${raw(`${d} nulls ${d === 'ASC' ? 'last' : 'first'}`)}`;
    }),
    ', ',
  );
/** Sort keys read by name from a subquery's rows (`s."__k0"`). */
const named = (names: readonly string[]) => names.map((n) => raw(n));

function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
}

function decodeCursor(cursor: string, signature: string, size: number, arg: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== size + 1)
    throw badInput(`${arg} is not a valid cursor`, { field: arg });
  if (parsed[0] !== signature) {
    throw badInput(`${arg} was made for another list or ordering; start again without it`, { field: arg });
  }
  const values = parsed.slice(1);
  // Cursors are made here, so a value of another kind is a forgery: refused before it reaches SQL.
  const scalar = (v: unknown) =>
    v === null ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length <= MAX_CURSOR_TEXT && !v.includes('\0'));
  if (!values.every(scalar) || !UUID.test(String(values.at(-1))))
    throw badInput(`${arg} is not a valid cursor`, { field: arg });
  return values;
}

/** Longest text a cursor carries: a sort key is a name, an address, a date or a number. */
const MAX_CURSOR_TEXT = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns PostgreSQL's "data exception" (SQLSTATE class 22: a date or number it cannot read) of a
 * statement with a cursor into BAD_USER_INPUT: a forged cursor can carry a well-formed text that is
 * not a value of its sort column's type, which only PostgreSQL can tell.
 */
function refuseMistypedCursor(args: ListArgs) {
  return (error: unknown): never => {
    const code = (error as { code?: unknown }).code;
    const arg = args.after ? 'after' : args.before ? 'before' : undefined;
    if (arg && typeof code === 'string' && code.startsWith('22'))
      throw badInput(`${arg} is not a valid cursor`, { field: arg });
    throw error;
  };
}

/**
 * Rows strictly after `values` in the order of `exprs`/`terms` (nulls sort last ascending, first
 * descending). With `reverse`, strictly before.
 */
function keyset(exprs: readonly Sql[], terms: OrderTerm[], values: unknown[], reverse: boolean): Sql {
  const branches: Sql[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const parts: Sql[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(values[j] === null ? sql`${exprs[j]!} is null` : sql`${exprs[j]!} = ${values[j]}`);
    }
    const direction = reverse ? flip(terms[i]!.direction) : terms[i]!.direction;
    const e = exprs[i]!;
    const v = values[i];
    let after: Sql;
    if (direction === 'ASC') after = v === null ? FALSE : sql`(${e} > ${v} or ${e} is null)`;
    else after = v === null ? sql`${e} is not null` : sql`${e} < ${v}`;
    parts.push(after);
    branches.push(Sql.and(parts)!);
  }
  return Sql.or(branches);
}

function pageSize(args: ListArgs): { limit: number; backward: boolean } {
  if (args.first != null && args.last != null) {
    throw badInput('give either first or last, not both', { field: 'first' });
  }
  const n = args.last ?? args.first ?? DEFAULT_PAGE_SIZE;
  const field = args.last != null ? 'last' : 'first';
  if (!Number.isInteger(n) || n < 0) throw badInput(`${field} must be zero or more`, { field });
  if (n > MAX_PAGE_SIZE)
    throw badInput(`${field} must be at most ${MAX_PAGE_SIZE}, got ${n}`, { field, max: MAX_PAGE_SIZE });
  return { limit: n, backward: args.last != null };
}

/**
 * The row key under which the select list of `spec` read with `plan` carries `expr` (`t.id` as
 * "pk", `t.address` as "address"), if it does: private columns are not, as they may be masked.
 */
function selectedAs(spec: TableSpec, plan: Plan, { text: expr, params }: Sql): string | undefined {
  if (params.length) return undefined;
  if (expr === 't.id') return 'pk';
  if (!expr.startsWith('t.')) return undefined;
  const key = camel(expr.slice(2));
  if (!spec.columns.includes(key) || spec.columnOf[key] !== expr.slice(2)) return undefined;
  return !plan.columns || plan.columns.includes(key) ? key : undefined;
}

/**
 * What a list statement selects and how it filters and orders, for given arguments and plan. With
 * `underScopedParent` (a list read along with its parent row, which the same statement reads with
 * this viewer's scope), a scope the parent's visibility implies is left out.
 */
function listQuery(
  ctx: Context,
  spec: TableSpec,
  args: ListArgs,
  plan: Plan,
  parent?: ParentLink,
  underScopedParent = false,
) {
  const { limit, backward } = pageSize(args);
  const { terms, signature } = orderTerms(ctx, spec, args.orderBy, args.where);
  // A sort key that is a selected column is read from it; others come as columns of their own.
  const keyNames = terms.map((t, i) => selectedAs(spec, plan, t.expr) ?? `__k${i}`);
  const filters = [
    // Archived objects leave every list; they stay reachable by id and through to-one relations.
    spec.archivable ? raw('t.archived_at is null') : null,
    underScopedParent && parent && !parent.join && policy.scopeFollowsParent(spec.table, parent.expr)
      ? null
      : scopeOf(ctx, spec),
    compileWhere(ctx.viewer, spec, 't', args.where),
    parent?.condition ? raw(parent.condition) : null,
  ];
  const keysSelect = Sql.join(
    terms.flatMap((t, i) =>
      keyNames[i]!.startsWith('__k') ? [sql`, ${t.expr} as ${raw(keyNames[i]!)}`] : [],
    ),
    '',
  );
  // The same text for every `near` point of a distance order: its row type and statements are shared.
  const columns = sql`${raw(`${selectList(ctx, spec, 't', '', plan.columns)}${planColumns(ctx, spec, plan)}`)}${keysSelect}`;
  return { limit, backward, terms, signature, keyNames, filters, columns, joined: joinClauses(ctx, plan) };
}

/** The text and parser of each column a child list's statement returns, learnt from PostgreSQL. */
interface RowType {
  names: string[];
  parsers: ((text: string) => unknown)[];
}
/** Row types of child lists by table and select list (which names every column and its type). */
const rowTypes = new Map<string, RowType>();
/** Columns of list statements that are bookkeeping, not part of a row read along with its parent. */
const BOOKKEEPING = new Set(['__parent', '__total', '__rn', '__in']);

/**
 * Remembers the columns of a child list statement and how the connection parses them, so that
 * later statements can read the same list along with its parents as text and turn it into the very
 * same rows (see `foldLists`).
 */
function learnRowType(key: string, fields: PgField[], connection: PgConnection) {
  if (rowTypes.has(key)) return;
  const kept = fields.filter((f) => !BOOKKEEPING.has(f.name) && !f.name.startsWith('$list.'));
  if (rowTypes.size > 5000) rowTypes.clear();
  rowTypes.set(key, {
    names: kept.map((f) => f.name),
    parsers: kept.map((f) => connection.getTypeParser(f.dataTypeID, 'text')),
  });
}

/** The loader key of a nested list: one per relation field, arguments and plan of its items. */
export const childListKey = (
  spec: TableSpec,
  relation: string,
  link: ParentLink,
  withTotal: boolean,
  args: ListArgs,
  plan: Plan,
) =>
  `children:${spec.type}:${relation}:${link.expr}:${link.condition ?? ''}:${withTotal}:${JSON.stringify([args.first, args.after, args.last, args.before, args.where, args.orderBy])}:${planSignature(plan)}`;

interface Folded {
  list: NestedList;
  /** The statement's column carrying the list ("$list.Talent.unionMemberships"). */
  column: string;
  /** Key of the loader its resolver reads. */
  key: string;
  type: RowType;
  limit: number;
  backward: boolean;
  signature: string;
  keyNames: string[];
  /** Lists of the items read along with them: each item is then `[texts, …pages of these]`. */
  nested: Folded[];
}

/**
 * The nested lists of `plan` read along with its rows: for each, a subquery per row building the
 * items' page (one more than asked, in order, with the total when selected) as a JSON array of
 * texts, which `primeLists` parses with the types PostgreSQL gave when the list was last read on
 * its own; lists of the items are read along in turn. A list not read on its own yet (in this
 * process) is left to its resolver, which then teaches its type: the first request of a new shape
 * takes a statement more.
 */
function foldLists(ctx: Context, plan: Plan, parentKey: string): Fold {
  if (!plan.lists?.length) return NO_FOLD;
  const lists = plan.lists;
  return forViewer(publicFolds, ctx, plan, `${ctx.locale}|${parentKey}`, () =>
    buildFold(ctx, lists, parentKey, 0),
  );
}

interface Fold {
  /** The subqueries, each as `, (…) as "$list.…"` (top level) or `, (…)` (inside an item). */
  select: Sql;
  folded: Folded[];
  /** Whether every list, at every depth, is read along. */
  complete: boolean;
}
const NO_FOLD: Fold = { select: raw(''), folded: [], complete: true };
/** Folds of anonymous reads (every list folded) by plan, language and parent key. */
const publicFolds = new WeakMap<Plan, Map<string, Fold>>();

/**
 * Writes the subqueries of `lists` for this viewer, each reading the items of the parent whose key
 * is `parentKey`; `depth` names the items' alias (`s0`, `s1`, …), which lists below them refer to.
 */
function buildFold(ctx: Context, lists: readonly NestedList[], parentKey: string, depth: number): Fold {
  const parts: Sql[] = [];
  const folded: Folded[] = [];
  let complete = true;
  for (const list of lists) {
    let q: ReturnType<typeof listQuery>;
    try {
      q = listQuery(ctx, list.target, list.args, list.plan, list.link, true);
    } catch {
      complete = false;
      continue; // Bad arguments: the resolver reports them.
    }
    const type = rowTypes.get(`${list.target.table}|${q.columns.text}`);
    if (!type) {
      complete = false;
      continue;
    }
    const order = orderSql(
      q.terms.map((t) => t.expr),
      q.terms,
      q.backward,
    );
    const s = `s${depth}`;
    // The page's items keep their order in the array, by the same sort keys.
    const itemOrder = orderSql(named(q.keyNames.map((k) => `${s}."${k}"`)), q.terms, q.backward);
    const texts = type.names.map((n) => `${s}."${n}"::text`);
    if (list.withTotal) texts.push(`${s}.__total::text`);
    const below = list.plan.lists?.length ? buildFold(ctx, list.plan.lists, `${s}.pk`, depth + 1) : NO_FOLD;
    complete &&= below.complete;
    const item = below.folded.length
      ? sql`json_build_array(array[${raw(texts.join(', '))}]${below.select})`
      : raw(`array[${texts.join(', ')}]`);
    const where = Sql.and([raw(`${list.link.expr} = ${parentKey}`), ...q.filters])!;
    const column = `$list.${list.relation}`;
    parts.push(
      sql`, (select json_agg(${item} order by ${itemOrder}) from (select ${q.columns}${raw(list.withTotal ? ', count(*) over () as __total' : '')} from ${raw(list.target.table)} t ${raw(list.link.join ?? '')}${raw(q.joined)} where ${where} order by ${order} limit ${q.limit + 1}) ${raw(s)})${raw(depth === 0 ? ` as "${column}"` : '')}`,
    );
    const { relation, target, link, withTotal, args, fixed } = list;
    // A fixed list is read by its service without `info`: its loader key names no relation.
    const key = childListKey(target, fixed ? '' : relation, link, withTotal, args, list.plan);
    folded.push({ list, column, key, type, ...q, nested: below.folded });
  }
  return { select: Sql.join(parts, ''), folded, complete };
}

/** Hands each folded list of `row` to the loader its resolver reads (`childConnection`), as a page. */
function primeLists(ctx: Context, row: Record<string, unknown>, folded: Folded[]) {
  for (const f of folded) primeFolded(ctx, row.pk as string, f, row[f.column] as unknown[] | null);
}

/** Parses the items of one parent's folded list (and theirs in turn) and primes its page. */
function primeFolded(ctx: Context, parent: string, f: Folded, items: unknown[] | null) {
  const { names, parsers } = f.type;
  const rows = (items ?? []).map((element) => {
    const texts = (f.nested.length ? (element as unknown[])[0] : element) as (string | null)[];
    const item: Record<string, unknown> = { __parent: parent };
    for (let i = 0; i < names.length; i++) {
      const text = texts[i];
      item[names[i]!] = text == null ? null : parsers[i]!(text);
    }
    if (f.list.withTotal) item.__total = Number(texts[names.length]);
    finish(f.list.target, item);
    for (let i = 0; i < f.nested.length; i++) {
      primeFolded(ctx, item.pk as string, f.nested[i]!, (element as unknown[][])[i + 1] as unknown[] | null);
    }
    return item;
  });
  const pages = buildPages(ctx, f.list.target, f.list.plan, rows, f, f.list.args);
  ctx.loaders.prime(f.key, parent, pages.get(parent) ?? emptyPage(0, f.list.args));
}

/**
 * Pages of a list for many parents in one statement (or of a top-level list when `parentIds` is
 * undefined): filter, keyset cursors in both directions, stable order ending with the id, and the
 * total when asked. This is the one pagination implementation of the API.
 */
export async function loadPages(
  ctx: Context,
  spec: TableSpec,
  args: ListArgs,
  options: {
    withTotal: boolean;
    parent?: ParentLink;
    parentIds?: readonly string[];
    /** To-one relations and computed fields of the rows to read in the same statement. */
    plan?: Plan;
  },
): Promise<Map<string, Page>> {
  const plan = options.plan ?? EMPTY_PLAN;
  const q = listQuery(ctx, spec, args, plan, options.parent);
  const { terms, signature, keyNames, filters, columns, joined, limit, backward } = q;
  const cursorOn = (exprs: readonly Sql[]) =>
    Sql.and([
      args.after
        ? keyset(exprs, terms, decodeCursor(args.after, signature, terms.length, 'after'), false)
        : null,
      args.before
        ? keyset(exprs, terms, decodeCursor(args.before, signature, terms.length, 'before'), true)
        : null,
    ]);

  let rows: Record<string, unknown>[];
  let folded: Folded[];
  const totals = new Map<string, number>();
  if (options.parent && options.parentIds) {
    if (options.parentIds.length === 0) return new Map();
    const p = options.parent;
    const inner = Sql.and([keyCondition(options.parentIds, p.expr), ...filters])!;
    const total = options.withTotal ? `, count(*) over (partition by ${p.expr}) as __total` : '';
    const sKeys = named(keyNames.map((k) => `s."${k}"`));
    const cursor = cursorOn(sKeys);
    const order = orderSql(sKeys, terms, backward);
    const from = sql`(select ${columns}, ${raw(p.expr)} as __parent${raw(total)} from ${raw(spec.table)} t ${raw(p.join ?? '')}${raw(joined)} where ${inner}) s`;
    // Nested lists are read for the rows of the page only.
    const lists = foldLists(ctx, plan, '__o.pk');
    folded = lists.folded;
    const statement =
      cursor && options.withTotal
        ? // Rows on the wrong side of the cursor are not part of the page, but a parent whose page is
          // empty still needs its total: keep one of them per parent (__in = false) to carry it.
          sql`select __o.*${lists.select} from (select s.*, coalesce(${cursor}, false) as __in, row_number() over (partition by s.__parent, coalesce(${cursor}, false) order by ${order}) as __rn from ${from}) __o where (__o.__in and __o.__rn <= ${limit + 1}) or (not __o.__in and __o.__rn = 1) order by __o.__parent, __o.__in, __o.__rn`
        : sql`select __o.*${lists.select} from (select s.*, row_number() over (partition by s.__parent order by ${order}) as __rn from ${from}${cursor ? sql` where ${cursor}` : raw('')}) __o where __o.__rn <= ${limit + 1} order by __o.__parent, __o.__rn`;
    rows = await runSql(ctx, statement, (fields, connection) =>
      learnRowType(`${spec.table}|${columns.text}`, fields, connection),
    ).catch(refuseMistypedCursor(args));
  } else {
    const cursor = cursorOn(terms.map((t) => t.expr));
    const where = Sql.and([...filters, cursor]);
    const whereSql = where ? sql` where ${where}` : raw('');
    // Without a cursor every matching row is in the window: the page carries the total, no second statement.
    const windowTotal = options.withTotal && !cursor;
    const lists = foldLists(ctx, plan, '__p.pk');
    folded = lists.folded;
    rows = await runSql(
      ctx,
      sql`select ${columns}${raw(windowTotal ? ', count(*) over () as __total' : '')}, '' as __parent${lists.select} from ${raw(spec.table)} t${raw(joined)}${raw(folded.length ? LATERAL_KEY : '')}${whereSql} order by ${orderSql(
        terms.map((t) => t.expr),
        terms,
        backward,
      )} limit ${limit + 1}`,
    ).catch(refuseMistypedCursor(args));
    if (options.withTotal && !windowTotal) {
      const countWhere = Sql.and(filters);
      const [count] = await runSql<{ total: number }>(
        ctx,
        sql`select count(*)::int as total from ${raw(spec.table)} t${countWhere ? sql` where ${countWhere}` : raw('')}`,
      );
      totals.set('', count?.total ?? 0);
    }
  }
  rows = rows.map((r) => fetched(spec, r));
  if (folded.length) for (const row of rows) primeLists(ctx, row, folded);
  const pages = buildPages(ctx, spec, plan, rows, q, args, totals);
  if (!options.parent && !pages.has('')) {
    pages.set('', emptyPage(totals.get('') ?? 0, args));
  }
  return pages;
}

/**
 * The parent's key under a name of its own (`__p.pk`), for nested lists read along: inside their
 * subqueries the alias `t` is the list's own table.
 */
const LATERAL_KEY = ' cross join lateral (select t.id as pk) __p';

/** A page being filled from fetched rows; cursors are encoded from the sort keys when first read. */
class ListPage implements Page {
  /** The rows, which keep their sort keys (`__k0`, … or the columns they are) for their cursors. */
  readonly rows: Row[] = [];
  hasNextPage = false;
  hasPreviousPage = false;
  private encoded?: string[];

  constructor(
    readonly total: number,
    private readonly signature: string,
    private readonly keyNames: string[],
  ) {}

  get cursors(): string[] {
    this.encoded ??= this.rows.map((row) =>
      encodeCursor(
        this.signature,
        this.keyNames.map((k) => row[k] ?? null),
      ),
    );
    return this.encoded;
  }
}

/** Shapes list rows (`__parent`, sort keys, `__total`, one extra row; typed and with their ids) into pages. */
function buildPages(
  ctx: Context,
  spec: TableSpec,
  plan: Plan,
  rows: Record<string, unknown>[],
  q: { limit: number; backward: boolean; signature: string; keyNames: string[] },
  args: ListArgs,
  totals?: Map<string, number>,
): Map<string, Page> {
  const { limit, backward, signature, keyNames } = q;
  const pages = new Map<string, ListPage>();
  for (const r of rows) {
    const parent = r.__parent as string;
    let page = pages.get(parent);
    if (!page) {
      page = new ListPage(Number(r.__total ?? totals?.get(parent) ?? 0), signature, keyNames);
      pages.set(parent, page);
    }
    if (r.__in === false) continue;
    if (page.rows.length === limit) {
      if (backward) page.hasPreviousPage = true;
      else page.hasNextPage = true;
      continue;
    }
    // Sort keys and bookkeeping columns stay on the row: deleting properties would turn every row
    // into a slow dictionary-mode object. GraphQL reads fields by name and never sees them.
    const row = r as Row;
    primeJoins(ctx, spec, row, row, plan);
    page.rows.push(row);
  }
  for (const page of pages.values()) {
    if (backward) {
      page.rows.reverse();
      page.hasNextPage = !!args.before;
    } else {
      page.hasPreviousPage = !!args.after;
    }
  }
  return pages;
}

export const emptyPage = (total: number, args: ListArgs): Page => ({
  rows: [],
  cursors: [],
  total,
  hasNextPage: !!args.before,
  hasPreviousPage: !!args.after,
});
