import type { GraphQLResolveInfo } from 'graphql';
import { listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/ids.js';
import type { ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import type { FieldChange } from './audit.types.js';

export const auditTable = registerNode(
  defineTable({
    table: 'audit_log',
    type: 'AuditEntry',
    archivable: false,
    columns: ['at', 'userId', 'userEmail', 'operation', 'objectType', 'objectId', 'regionId', 'changes'],
    filters: {
      object: { kind: 'anyId', column: 'object_id' },
      objectType: { kind: 'value', columns: ['object_type'] },
      operation: { kind: 'value', columns: ['operation'] },
      userEmail: { kind: 'value', columns: ['user_email'] },
      at: { kind: 'value', columns: ['at'] },
    },
    orders: { AT: 'at' },
    defaultOrder: [{ field: 'AT', direction: 'DESC' }],
  }),
);

/** Reads of the audit trail: admins see all of it, officials the writes within their regions. */
export const auditService = {
  list(ctx: Context, args: ListArgs, info: GraphQLResolveInfo) {
    if (ctx.viewer.kind !== 'user')
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to read the audit trail');
    if (ctx.viewer.role === 'PARTNER')
      throw new AppError(ErrorCode.FORBIDDEN, 'The audit trail is for officials and admins');
    return listConnection(ctx, auditTable, args, info);
  },

  changes: (entry: Row): FieldChange[] =>
    Object.entries((entry.changes ?? {}) as Record<string, { before: unknown; after: unknown }>).map(
      ([field, c]) => ({
        field,
        before: c.before,
        after: c.after,
      }),
    ),

  objectId: (entry: Row) => toGlobalId(entry.objectType as string, entry.objectId as string),
};
