import type { EntityMetadata } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { ListArgs } from '../../data/query.js';
import { runSql } from '../../data/query.js';
import { registry } from '../../data/registry.js';
import { raw, sql } from '../../data/sql.js';
import { defineTable, type Row } from '../../data/table.js';
import { listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/ids.js';
import { policy } from '../../graphql/viewer.js';
import { AuditLog } from '../../graphql/write/audit.entity.js';
import { auditRef, auditTypeOf } from '../../graphql/write/audit.js';
import type { FieldChange } from './audit.types.js';
import { AuditEntryList } from './audit.types.js';

export const auditTable = defineTable({
  entity: AuditLog,
  type: 'AuditEntry',
  filters: AuditEntryList.filters,
  fieldColumns: {
    at: ['at'],
    objectId: ['objectType', 'objectId'],
    changes: ['objectType', 'objectId', 'changes'],
  },
  orders: AuditEntryList.orders,
  defaultOrder: [{ field: 'AT', direction: 'DESC' }],
});

/** Reads of the audit trail: admins see all of it, officials the writes within their regions. */
export const auditService = {
  list(ctx: Context, args: ListArgs, info: GraphQLResolveInfo) {
    if (ctx.viewer.kind !== 'user')
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to read the audit trail');
    if (ctx.viewer.role === 'PARTNER')
      throw new AppError(ErrorCode.FORBIDDEN, 'The audit trail is for officials and admins');
    return listConnection(ctx, auditTable, args, info);
  },

  /**
   * The changed fields of an entry as this reader may see them: private fields of the object
   * (a talent's full name and contact, a house's owner) only with the reader's rights on that
   * object as it is now, else null; a linked object always as `{ type, id }` — also in entries
   * written before linked objects were stored by id, which held a copy of the linked object.
   */
  async changes(ctx: Context, entry: Row): Promise<FieldChange[]> {
    const type = entry.objectType as string;
    const masked = await maskedFields(ctx, type, entry.objectId as string);
    return Object.entries((entry.changes ?? {}) as Record<string, { before: unknown; after: unknown }>).map(
      ([field, c]) => {
        if (masked.has(field)) return { field, before: null, after: null };
        const target = linkedMeta(ctx, type, field);
        const shown = (value: unknown) => (target ? asRef(target, value) : value);
        return { field, before: shown(c.before), after: shown(c.after) };
      },
    );
  },

  objectId: (entry: Row) => toGlobalId(entry.objectType as string, entry.objectId as string),
};

const NOTHING = new Set<string>();

/**
 * The private fields of object `type`/`id` this reader may not read (all of them for an object
 * that is gone), in one statement per type and request, asking the policy that guards the columns.
 */
async function maskedFields(ctx: Context, type: string, id: string): Promise<ReadonlySet<string>> {
  const spec = registry().nodes.get(type);
  const keys = spec?.privateColumns ?? [];
  if (!spec || !keys.length) return NOTHING;
  const all = new Set(keys);
  const loader = ctx.loaders.get<ReadonlySet<string>>(
    `audit:private:${type}`,
    async (ids) => {
      const checks = keys.map(
        (key, i) =>
          `coalesce(${policy.privateAccess(ctx.viewer, spec.table, 't', spec.columnOf[key]!) ?? 'false'}, false) as ok${i}`,
      );
      const rows = await runSql<Record<string, unknown>>(
        ctx,
        sql`select t.id, ${raw(checks.join(', '))} from ${raw(spec.table)} t where t.id = any(${ids}::uuid[])`,
      );
      return new Map(rows.map((r) => [r.id as string, new Set(keys.filter((_, i) => !r[`ok${i}`]))]));
    },
    all,
  );
  return loader.load(id);
}

/** Entity metadata of the object linked by `field` of an audited `type`; undefined for plain fields. */
const linked = new Map<string, EntityMetadata | null>();
function linkedMeta(ctx: Context, type: string, field: string): EntityMetadata | undefined {
  const key = `${type}.${field}`;
  if (!linked.has(key)) {
    const meta = ctx.em.getMetadata().getAll();
    const owner = Object.values(meta).find((m) => !m.embeddable && auditTypeOf(m) === type);
    linked.set(key, owner?.properties[field]?.targetMeta ?? null);
  }
  return linked.get(key) ?? undefined;
}

/** A linked object as `{ type, id }`: kept when it is one, made from a bare key or an old copy. */
function asRef(target: EntityMetadata, value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? auditRef(target, value) : value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { id, type } = value as { id?: unknown; type?: unknown };
  if (typeof type === 'string' && typeof id === 'string' && Object.keys(value).length === 2) return value;
  return typeof id === 'string' && UUID.test(id) ? auditRef(target, id) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
