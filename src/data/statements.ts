import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../graphql/context.js';
import type { Sql } from './sql.js';

/*
 * Running the read path's statements: each as a named prepared statement on a connection of the
 * ORM's pool, with a bounded number of names kept per connection.
 */

/** A statement text in PostgreSQL's `$n` form and the name it is prepared under. */
export interface Prepared {
  name: string;
  text: string;
}
const prepared = new Map<string, Prepared>();

/**
 * The prepared form of a statement text: `?` placeholders numbered `$1…$n` (our SQL never holds a
 * literal `?`: values are always parameters) and a name derived from the text, so every connection
 * parses and plans a statement shape once and PostgreSQL can switch to a generic plan.
 */
export function prepare(text: string): Prepared {
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

export interface PgField {
  name: string;
  dataTypeID: number;
}
export interface PgConnection {
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

/**
 * The connections of the ORM's pool, or of the transaction `knex` is (which lends its one
 * connection). The read path needs a connection itself: named prepared statements live per
 * connection (pg's `query({ name, text, values })`), it bounds their number per connection
 * (`touchNamed`) and learns a list's row type from the connection's type parsers (`learnRowType`).
 * Neither MikroORM (6) nor knex documents a way to borrow a connection: knexjs.org documents
 * `acquireConnectionTimeout` and the builder's `.connection(conn)`, not the client's methods, and a
 * public `leaseConnection` was proposed but never merged (knex/knex#3722). knex's typings declare
 * `Client.acquireConnection`/`releaseConnection`, which its own runner and transactions use, and its
 * maintainers treat what `acquireConnection()` returns as the connection object a user may hold
 * (`.connection(conn)` takes exactly that, knex/knex#2804; users borrow it so, knex/knex#2176). This
 * does too, here only. `knex.raw(…).options({ name })` would prepare named statements too, but
 * hides the connection and runs knex's builder and runner around every statement.
 */
function poolOf(knex: Knex): Pick<Knex.Client, 'acquireConnection' | 'releaseConnection'> {
  return knex.client;
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
export async function runPrepared<T>(
  ctx: Context,
  { name, text }: Prepared,
  params: readonly unknown[],
  onFields?: (fields: PgField[], connection: PgConnection) => void,
): Promise<T[]> {
  // A request that timed out or whose client left issues no more statements.
  if (ctx.signal?.aborted) throw ctx.signal.reason;
  ctx.stats.statements++;
  const pool = poolOf(ctx.knex);
  const connection: PgConnection = await pool.acquireConnection();
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
