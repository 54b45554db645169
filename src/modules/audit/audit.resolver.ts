import { GraphQLDateTimeISO } from 'graphql-scalars';
import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { auditService } from './audit.service.js';
import { AuditEntry, AuditEntryConnection, AuditEntryListArgs, FieldChange } from './audit.types.js';

@Resolver(() => AuditEntry)
class AuditEntryFields {
  @FieldResolver(() => GraphQLDateTimeISO, { description: 'When the write was committed.' })
  at(@Root() entry: Row) {
    return new Date(entry.at as string);
  }

  @FieldResolver(() => ID, { description: 'Global id of the changed object (fetch it with `node`).' })
  objectId(@Root() entry: Row) {
    return auditService.objectId(entry);
  }
}

// biome-ignore format: a table, one field a line
export const AuditResolver = ResolverOf(AuditEntry, { base: AuditEntryFields }, {
  auditLog: field.listQuery(AuditEntryConnection, AuditEntryListArgs, auditService.list, 'The audit trail, latest first: every write with who, when and what changed. Admins see all; officials their regions.'),
  changes: field.computed([FieldChange], auditService.changes, 'The changed fields with their values before and after. Linked objects appear as `{ type, id }` (fetch them with `node`); private fields the reader may not read on the object are null.'),
});
