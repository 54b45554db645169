import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { auditService } from './audit.service.js';
import { AuditEntry, AuditEntryConnection, AuditEntryListArgs, FieldChange } from './audit.types.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'The audit trail, latest first: every write with who, when and what changed. Admins see all; officials their regions.',
  })
  auditLog(
    @Args(() => AuditEntryListArgs) args: InstanceType<typeof AuditEntryListArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return auditService.list(ctx, args, info);
  }

  @FieldResolver(() => GraphQLDateTimeISO, { description: 'When the write was committed.' })
  at(@Root() entry: Row) {
    return new Date(entry.at as string);
  }

  @FieldResolver(() => ID, { description: 'Global id of the changed object (fetch it with `node`).' })
  objectId(@Root() entry: Row) {
    return auditService.objectId(entry);
  }

  @FieldResolver(() => [FieldChange], {
    description:
      'The changed fields with their values before and after. Linked objects appear as `{ type, id }` (fetch them with `node`); private fields the reader may not read on the object are null.',
  })
  changes(@Root() entry: Row, @Ctx() ctx: Context) {
    return auditService.changes(ctx, entry);
  }
}
