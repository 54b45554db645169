import { type EntityManager, type EntityMetadata, ReferenceKind, wrap } from '@mikro-orm/core';
import { registry } from '../../data/registry.js';
import { toGlobalId } from '../ids.js';
import type { SignedIn } from '../viewer.js';
import { AuditLog } from './audit.entity.js';

/** How the audit trail names a linked object: its type and global id, never a copy of its fields. */
export interface AuditRef {
  type: string;
  id: string;
}

/** Before and after of each changed field of one audit entry. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

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

/** An entity's values as the audit trail records them, and its hidden ones (see `snapshot`). */
export interface Snapshot {
  values: Record<string, unknown>;
  hidden: Record<string, unknown>;
}

/**
 * A value of an entity as the audit trail records it: its own columns, each linked object as an
 * `AuditRef` (a linked talent's name or phone must not be copied into an entry its reader may see),
 * collections left out (their changes are recorded as links), hidden properties (a password hash)
 * only in `hidden`, to tell that they changed.
 */
export function snapshot(entity: object): Snapshot {
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

/** The changed fields between two snapshots (`before` null: a new object); hidden values only as changed. */
export function changesOf(before: Snapshot | null, after: Snapshot): Changes {
  const was = before?.values ?? {};
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(after.values)])) {
    if (JSON.stringify(was[key] ?? null) !== JSON.stringify(after.values[key] ?? null)) {
      changes[key] = { before: was[key] ?? null, after: after.values[key] ?? null };
    }
  }
  // A hidden value (a password hash) is never recorded, only that it changed.
  for (const [key, value] of Object.entries(after.hidden)) {
    if (!before) changes[key] = { before: null, after: '(set)' };
    else if (before.hidden[key] !== value) changes[key] = { before: '(hidden)', after: '(changed)' };
  }
  return changes;
}

/** Adds one entry to the audit trail, in the write's transaction (written with its flush). */
export function addAuditEntry(
  tx: EntityManager,
  viewer: SignedIn,
  entry: {
    operation: string;
    objectType: string;
    objectId: string;
    regionId: string | null;
    changes: Changes;
  },
) {
  tx.create(AuditLog, {
    userId: viewer.userId || undefined,
    userEmail: viewer.email,
    operation: entry.operation,
    objectType: entry.objectType,
    objectId: entry.objectId,
    regionId: entry.regionId ?? undefined,
    changes: entry.changes,
  });
}
