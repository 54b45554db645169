import {
  CheckConstraintViolationException,
  type EntityMetadata,
  type FilterQuery,
  FlushMode,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  wrap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loaders } from '../../data/loaders.js';
import { findById } from '../../data/query.js';
import type { Row, TableSpec } from '../../data/table.js';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import { parseGlobalId } from '../ids.js';
import { type UserError, UserErrorCode, userError } from '../payload.js';
import { policy, type SignedIn, type Viewer } from '../viewer.js';
import { addAuditEntry, type Changes, changesOf, type Snapshot, snapshot } from './audit.js';

/** Thrown inside a write to roll the transaction back and answer with user errors. */
export class Rollback extends Error {
  constructor(readonly userErrors: UserError[]) {
    super('rolled back');
  }
}

/** Who may write at all: signed-in officials and admins. */
export function requireWriter(viewer: Viewer): SignedIn {
  if (viewer.kind !== 'user') throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to change the graph');
  if (viewer.role === 'PARTNER') throw new AppError(ErrorCode.FORBIDDEN, 'Partners cannot change the graph');
  return viewer;
}

/** An object an input names by global id (or by `code`): which entity, and when it counts as found. */
export interface RefTarget<T extends { id: string } = { id: string }> {
  /** The GraphQL type its global id must have. */
  type: string;
  entity: new (...args: never[]) => T;
  /** Found by `code` (a region's) instead of a global id. */
  by?: 'code';
  /** Only such objects count (e.g. towns among regions); others are NOT_FOUND as well. */
  accept?: (found: T) => boolean;
  /** The NOT_FOUND message, when not "No <type> with id <id>". */
  notFound?: string;
}

/** The state of one write: its transaction, the caller, the user errors found so far. */
export class Writer {
  readonly errors: UserError[] = [];
  private readonly audits: {
    operation: string;
    objectType: string;
    entity: object;
    before: Snapshot | null;
    regionId: string | null;
  }[] = [];

  /** `audited: false` only for writes no caller makes (`npm run user:create`). */
  constructor(
    readonly tx: EntityManager,
    readonly viewer: SignedIn,
    private readonly audited = true,
  ) {}

  fail(field: string[], code: UserErrorCode, message: string) {
    this.errors.push(userError(field, code, message));
  }

  /** Stops the write here when any user error was found; nothing is written. */
  check() {
    if (this.errors.length) throw new Rollback(this.errors);
  }

  /** The UUID of a global id of `type` given in `field`, or a user error. */
  id(field: string[], globalId: string, type: string): string | null {
    const parsed = parseGlobalId(globalId);
    if (!parsed || parsed.type !== type) {
      this.fail(field, UserErrorCode.INVALID, `"${globalId}" is not the id of a ${type}`);
      return null;
    }
    return parsed.uuid;
  }

  /** Runs SQL in the write's transaction: what the write checks is what it changes. */
  query<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.getConnection().execute<T[]>(sql, params, 'all', this.tx.getTransactionContext());
  }

  /**
   * The object of `entity` whose key is `pk`, if the caller may read it: every object a write names
   * (the one it changes, the ones it links) is looked up here. An object the read side hides from
   * the caller (a talent without a public profile outside an official's regions, its memberships
   * and project roles: `policy.rowScope`) is null, as a missing one is: the write answers the same
   * NOT_FOUND, and the caller learns nothing of what they cannot read.
   */
  async findReadable<E extends object>(entity: new (...args: never[]) => E, pk: string): Promise<E | null> {
    const table = this.tx.getMetadata().get(entity.name).tableName;
    const scope = policy.rowScope(this.viewer, table, 't');
    if (scope) {
      const [row] = await this.query(`select 1 from ${table} t where t.id = ? and ${scope}`, [pk]);
      if (!row) return null;
    }
    return this.tx.findOne<E>(entity, { id: pk } as FilterQuery<E>);
  }

  /**
   * The object `value` names in the input's `field` (a global id of `target.type`, or a code), if
   * it exists, is not archived and the caller may read it (`findReadable`); else a user error on
   * the field (INVALID for an id of another type, NOT_FOUND for the rest) and null.
   */
  async ensureRef<T extends { id: string }>(
    field: string,
    value: string,
    target: RefTarget<T>,
  ): Promise<T | null> {
    const path = ['input', field];
    let found: T | null;
    if (target.by === 'code') {
      const byCode = await this.tx.findOne<T>(target.entity, { code: value } as FilterQuery<T>);
      found = byCode && (await this.findReadable(target.entity, byCode.id));
    } else {
      const pk = this.id(path, value, target.type);
      if (!pk) return null;
      found = await this.findReadable(target.entity, pk);
    }
    if (!found || (found as { archivedAt?: Date }).archivedAt || (target.accept && !target.accept(found))) {
      const key = target.by === 'code' ? `code "${value}"` : `id ${value}`;
      this.fail(path, UserErrorCode.NOT_FOUND, target.notFound ?? `No ${target.type} with ${key}`);
      return null;
    }
    return found;
  }

  /** Loads the object an input names, checking it exists (for this caller), is not archived, and its version. */
  async load<E extends { id: string; version: number; archivedAt?: Date }>(
    entity: new (...args: never[]) => E,
    type: string,
    input: { id: string; version?: number | null },
  ): Promise<E> {
    const object = await this.ensureRef('id', input.id, { type, entity });
    this.check();
    if (input.version != null && object!.version !== input.version) {
      this.fail(
        ['input', 'version'],
        UserErrorCode.CONFLICT,
        `The ${type} changed since version ${input.version} (it is at version ${object!.version}); reload it and apply your change again`,
      );
      this.check();
    }
    return object!;
  }

  /** Refuses (FORBIDDEN) a write only admins may make (accounts). */
  requireAdmin(what: string) {
    if (this.viewer.role !== 'ADMIN')
      throw new AppError(ErrorCode.FORBIDDEN, `Only admins may change ${what}`);
  }

  /**
   * Refuses (FORBIDDEN) a write to an object of `regionId` the caller does not govern. Objects with
   * no region (themes, regions, nationwide organisations) are for admins only.
   */
  authorize(regionId: string | null, what: string) {
    if (this.viewer.role === 'ADMIN') return;
    if (!regionId || !this.viewer.regionIds.includes(regionId)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `You may not change ${what}: it is outside the region you govern`,
      );
    }
  }

  /**
   * The region that owns `object`: the object at the end of `path`, a chain of to-one relations
   * (a house's is `['village', 'town']`; null: no region, admins only). Followed in memory as far
   * as the objects are loaded (a new object's references were resolved from its input), the rest by
   * one join in the write's transaction.
   */
  async regionOf(object: object, path: readonly string[] | null): Promise<string | null> {
    if (!path?.length) return null;
    let node = object as Record<string, unknown>;
    for (const [i, step] of path.entries()) {
      const next = node[step] as { id: string } | null | undefined;
      if (!next) return null;
      if (i === path.length - 1) return next.id;
      if (!wrap(next, true).isInitialized()) return this.regionByJoin(next, path.slice(i + 1));
      node = next as Record<string, unknown>;
    }
    return null;
  }

  /** The end of `path` from a stored object, by one statement joining the relations on the way. */
  private async regionByJoin(from: { id: string }, path: readonly string[]): Promise<string | null> {
    const meta = wrap(from, true).__meta as EntityMetadata;
    const qb = this.tx.createQueryBuilder<object, 'e0'>(meta.class, 'e0');
    let alias = 'e0';
    for (const [i, step] of path.slice(0, -1).entries()) {
      qb.join(`${alias}.${step}`, `e${i + 1}`);
      alias = `e${i + 1}`;
    }
    const row = await qb
      .select(`${alias}.${path.at(-1)}`)
      .where({ id: from.id })
      .execute<Record<string, string | null> | undefined>('get', false);
    return row ? (Object.values(row)[0] ?? null) : null;
  }

  /** Remembers an object's state before a change, for the audit trail. */
  track(operation: string, objectType: string, entity: object, regionId: string | null, created = false) {
    this.audits.push({ operation, objectType, entity, before: created ? null : snapshot(entity), regionId });
  }

  /** Records an audit row with explicit changes (link operations: themes, members, roles). */
  record(operation: string, objectType: string, objectId: string, regionId: string | null, changes: Changes) {
    if (this.audited)
      addAuditEntry(this.tx, this.viewer, { operation, objectType, objectId, regionId, changes });
  }

  /** Writes the audit rows of the tracked objects (in the same transaction as the change). */
  async writeAudit() {
    for (const a of this.audits) {
      const objectId = (a.entity as { id: string }).id;
      this.record(a.operation, a.objectType, objectId, a.regionId, changesOf(a.before, snapshot(a.entity)));
    }
    await this.tx.flush();
  }
}

/**
 * The EntityManager a write runs its transaction on: a fork of `em`, flushed only at the end (so
 * checks that query the database see the state before the change), in `em`'s transaction when it
 * has one (a keyed mutation's: the write is then a savepoint of it, and commits with its stored
 * answer).
 */
export const writeFork = (em: EntityManager) =>
  em.fork({ flushMode: FlushMode.COMMIT, keepTransactionContext: true });

/** What every mutation answers: the changed object (as the read side shows it) and user errors. */
export interface WriteResult {
  node: Row | null;
  userErrors: UserError[];
}

/** How a mutation reads its changed object back: a node's table spec, or a function of its key. */
export type ReadBack = TableSpec | ((ctx: Context, pk: string) => Promise<Row | null>);

/**
 * Runs `work` as `viewer` in one transaction on a `writeFork` of `em`, with its audit rows; nothing
 * is written when a user error was recorded (`Rollback`). Within a keyed request's transaction
 * (write/idempotency.ts) this one is a savepoint of it.
 */
export async function runWrite<T>(
  em: EntityManager,
  viewer: SignedIn,
  work: (w: Writer) => Promise<T>,
  options: { audited?: boolean } = {},
): Promise<T> {
  return writeFork(em).transactional(async (tx) => {
    const w = new Writer(tx, viewer, options.audited);
    const result = await work(w);
    w.check();
    await tx.flush();
    await w.writeAudit();
    w.check();
    return result;
  });
}

/**
 * Runs one write in one transaction: `work` loads, checks, changes and tracks; on any user error,
 * constraint violation or version conflict nothing is written and the errors come back as data.
 * The changed object is read back through the read side, so it looks exactly like a query's.
 *
 * A user error recorded on the writer rolls the whole transaction back wherever it was recorded:
 * before the commit the writer's errors are checked once more, so work that caught a `Rollback`
 * itself, or recorded an error after flushing, still writes nothing.
 */
export async function mutate(
  ctx: Context,
  readBack: ReadBack,
  work: (w: Writer) => Promise<{ id: string } | null>,
): Promise<WriteResult> {
  const viewer = requireWriter(ctx.viewer);
  let pk: string | null = null;
  try {
    pk = (await runWrite(ctx.em, viewer, work))?.id ?? null;
  } catch (error) {
    // Nothing was written: a keyed request stores no answer, so its retry runs again.
    if (ctx.idempotency) ctx.idempotency.rolledBack = true;
    const userErrors = refusalOf(error);
    if (!userErrors) throw error;
    return { node: null, userErrors };
  }
  ctx.loaders = new Loaders();
  if (!pk) return { node: null, userErrors: [] };
  const node =
    typeof readBack === 'function' ? await readBack(ctx, pk) : await findById(ctx, readBack, pk, 'mutation');
  return { node, userErrors: [] };
}

/**
 * What a write that failed answers its caller (nothing was written): its user errors, a version
 * conflict, or the rule of the data it broke; null for a failure that is not the caller's.
 */
export function refusalOf(error: unknown): UserError[] | null {
  const refused = (code: UserErrorCode, message: string, field = ['input']) => [
    userError(field, code, message),
  ];
  if (error instanceof Rollback) return error.userErrors;
  if (error instanceof OptimisticLockError)
    return refused(
      UserErrorCode.CONFLICT,
      'Someone else changed this object first; reload it and apply your change again',
      ['input', 'version'],
    );
  if (error instanceof UniqueConstraintViolationException)
    return refused(UserErrorCode.TAKEN, 'An object with these values exists already');
  if (
    error instanceof CheckConstraintViolationException ||
    error instanceof ForeignKeyConstraintViolationException ||
    error instanceof NotNullConstraintViolationException
  ) {
    const constraint = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? 'constraint';
    return refused(UserErrorCode.RULE_BROKEN, `The change breaks a rule of the data (${constraint})`);
  }
  if ((error as { code?: string }).code === '23P01')
    return refused(UserErrorCode.RULE_BROKEN, 'The change overlaps an existing record');
  return null;
}
