import {
  CheckConstraintViolationException,
  type EntityManager,
  type EntityMetadata,
  FlushMode,
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  ReferenceKind,
  UniqueConstraintViolationException,
  wrap,
} from '@mikro-orm/core';
import { AuditLog } from '../../modules/audit/audit.entity.js';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import { parseGlobalId, toGlobalId } from '../ids.js';
import { type UserError, UserErrorCode, userError } from '../payload.js';
import { Loaders } from '../read/loaders.js';
import { findById } from '../read/query.js';
import { registry } from '../read/registry.js';
import type { Row, TableSpec } from '../read/table.js';
import { policy, type SignedIn, type Viewer } from '../viewer.js';

/** The values of an entity as the audit trail records them (see `snapshot`). */
export const auditValues = (entity: object) => snapshot(entity).values;

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

/** How the audit trail names a linked object: its type and global id, never a copy of its fields. */
export interface AuditRef {
  type: string;
  id: string;
}

/** The GraphQL type of the objects of an entity (its node type, found by table; else the class name). */
export function auditTypeOf(meta: EntityMetadata): string {
  for (const spec of registry().nodes.values()) if (spec.table === meta.tableName) return spec.type;
  return meta.className;
}

/** The audit form of a linked object: `{ type, id }` (a global id `node(id:)` fetches, with its rules). */
export function auditRef(meta: EntityMetadata, id: string): AuditRef {
  const type = auditTypeOf(meta);
  return { type, id: toGlobalId(type, id) };
}

const SKIPPED = new Set(['createdAt', 'updatedAt', 'version']);

/**
 * A value of an entity as the audit trail records it: its own columns, each linked object as an
 * `AuditRef` (a linked talent's name or phone must not be copied into an entry its reader may see),
 * collections left out (their changes are recorded as links), hidden properties (a password hash)
 * only in `hidden`, to tell that they changed.
 */
function snapshot(entity: object): { values: Record<string, unknown>; hidden: Record<string, unknown> } {
  const meta = wrap(entity, true).__meta as EntityMetadata;
  const values: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (SKIPPED.has(prop.name) || prop.persist === false) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      const target = value as { id?: string } | null | undefined;
      values[prop.name] = target?.id ? auditRef(prop.targetMeta!, target.id) : null;
    } else if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
      if (prop.hidden) hidden[prop.name] = value;
      else values[prop.name] = value === undefined ? null : JSON.parse(JSON.stringify(value ?? null));
    }
  }
  return { values, hidden };
}

/** The state of one write: its transaction, the caller, the user errors found so far. */
export class Writer {
  readonly errors: UserError[] = [];
  private readonly audits: {
    operation: string;
    objectType: string;
    entity: object;
    before: ReturnType<typeof snapshot> | null;
    regionId: string | null;
  }[] = [];

  constructor(
    readonly tx: EntityManager,
    readonly viewer: SignedIn,
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
      const [row] = await this.tx
        .getConnection()
        .execute<unknown[]>(`select 1 from ${table} t where t.id = ? and ${scope}`, [pk]);
      if (!row) return null;
    }
    return (await this.tx.findOne(entity as never, { id: pk } as never)) as E | null;
  }

  /** Loads the object an input names, checking it exists (for this caller), is not archived, and its version. */
  async load<E extends { id: string; version: number; archivedAt?: Date }>(
    entity: new (...args: never[]) => E,
    type: string,
    input: { id: string; version?: number | null },
  ): Promise<E> {
    const pk = this.id(['input', 'id'], input.id, type);
    this.check();
    const object = await this.findReadable(entity, pk!);
    if (!object || object.archivedAt) {
      this.fail(['input', 'id'], UserErrorCode.NOT_FOUND, `No ${type} with id ${input.id}`);
      this.check();
    }
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

  /** The region an object belongs to, by a query returning one column `r`. */
  async regionBy(sql: string, pk: string): Promise<string | null> {
    const [row] = await this.tx.getConnection().execute<{ r: string | null }[]>(sql, [pk]);
    return row?.r ?? null;
  }

  /** Remembers an object's state before a change, for the audit trail. */
  track(operation: string, objectType: string, entity: object, regionId: string | null, created = false) {
    this.audits.push({ operation, objectType, entity, before: created ? null : snapshot(entity), regionId });
  }

  /** Records an audit row with explicit changes (link operations: themes, members, roles). */
  record(
    operation: string,
    objectType: string,
    objectId: string,
    regionId: string | null,
    changes: Record<string, { before: unknown; after: unknown }>,
  ) {
    this.tx.create(AuditLog, {
      userId: this.viewer.userId || undefined,
      userEmail: this.viewer.email,
      operation,
      objectType,
      objectId,
      regionId: regionId ?? undefined,
      changes,
    });
  }

  /** Writes the audit rows of the tracked objects (in the same transaction as the change). */
  async writeAudit() {
    for (const a of this.audits) {
      const after = snapshot(a.entity);
      const before = a.before?.values ?? {};
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of new Set([...Object.keys(before), ...Object.keys(after.values)])) {
        if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after.values[key] ?? null)) {
          changes[key] = { before: before[key] ?? null, after: after.values[key] ?? null };
        }
      }
      // A hidden value (a password hash) is never recorded, only that it changed.
      for (const [key, value] of Object.entries(after.hidden)) {
        if (!a.before) changes[key] = { before: null, after: '(set)' };
        else if (a.before.hidden[key] !== value) changes[key] = { before: '(hidden)', after: '(changed)' };
      }
      this.tx.create(AuditLog, {
        userId: this.viewer.userId || undefined,
        userEmail: this.viewer.email,
        operation: a.operation,
        objectType: a.objectType,
        objectId: (a.entity as { id: string }).id,
        regionId: a.regionId ?? undefined,
        changes,
      });
    }
    await this.tx.flush();
  }
}

/**
 * The EntityManager a write runs its transaction on: a fork of the request's, flushed only at the
 * end, in the request's transaction when it has one (a keyed mutation's: the write is then a
 * savepoint of it, and commits with its stored answer).
 */
export const writeFork = (ctx: Pick<Context, 'em'>) =>
  ctx.em.fork({ flushMode: FlushMode.COMMIT, keepTransactionContext: true });

/** What every mutation answers: the changed object (as the read side shows it) and user errors. */
export interface WriteResult {
  node: Row | null;
  userErrors: UserError[];
}

/** How a mutation reads its changed object back: a node's table spec, or a function of its key. */
export type ReadBack = TableSpec | ((ctx: Context, pk: string) => Promise<Row | null>);

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
    // Flush only when the work is done: checks that query the database see the state before the change.
    // Within a keyed request's transaction (write/idempotency.ts) this one is a savepoint of it.
    await writeFork(ctx).transactional(async (tx) => {
      const w = new Writer(tx, viewer);
      const entity = await work(w);
      w.check();
      await tx.flush();
      await w.writeAudit();
      w.check();
      pk = entity?.id ?? null;
    });
  } catch (error) {
    // Nothing was written: a keyed request stores no answer, so its retry runs again.
    if (ctx.idempotency) ctx.idempotency.rolledBack = true;
    if (error instanceof Rollback) return { node: null, userErrors: error.userErrors };
    if (error instanceof OptimisticLockError) {
      return {
        node: null,
        userErrors: [
          userError(
            ['input', 'version'],
            UserErrorCode.CONFLICT,
            'Someone else changed this object first; reload it and apply your change again',
          ),
        ],
      };
    }
    if (error instanceof UniqueConstraintViolationException) {
      return {
        node: null,
        userErrors: [userError(['input'], UserErrorCode.TAKEN, 'An object with these values exists already')],
      };
    }
    if (
      error instanceof CheckConstraintViolationException ||
      error instanceof ForeignKeyConstraintViolationException
    ) {
      return {
        node: null,
        userErrors: [
          userError(
            ['input'],
            UserErrorCode.RULE_BROKEN,
            `The change breaks a rule of the data (${constraintOf(error)})`,
          ),
        ],
      };
    }
    if ((error as { code?: string }).code === '23P01') {
      return {
        node: null,
        userErrors: [
          userError(['input'], UserErrorCode.RULE_BROKEN, 'The change overlaps an existing record'),
        ],
      };
    }
    throw error;
  }
  ctx.loaders = new Loaders();
  if (!pk) return { node: null, userErrors: [] };
  const node =
    typeof readBack === 'function' ? await readBack(ctx, pk) : await findById(ctx, readBack, pk, 'mutation');
  return { node, userErrors: [] };
}

const constraintOf = (error: Error) => /constraint "([^"]+)"/.exec(error.message)?.[1] ?? 'constraint';
