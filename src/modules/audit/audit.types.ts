import { GraphQLJSON } from 'graphql-scalars';
import { Field } from 'type-graphql';
import { DateTimeFilter, IDFilter, StringFilter } from '../../graphql/filters.js';
import { filter, listTypes } from '../../graphql/list-types.js';
import { ObjectType } from '../../graphql/object-type.js';
import { Node } from '../../graphql/types.js';

/** The before and after of one changed field. */
@ObjectType({ description: 'One changed field of a write.' })
export class FieldChange {
  @Field(() => String, { description: 'Field name, as in the object’s input (e.g. nameEn, themes).' })
  field: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Value before the write (null when created).' })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Value after the write.' })
  after: unknown;
}

/** One entry of the audit trail. */
@ObjectType({
  implements: Node,
  description: 'One write: who, when, which operation on which object, what changed.',
})
export class AuditEntry extends Node {
  @Field(() => String, { description: 'Mutation that made the change, e.g. updateVillage.' })
  operation: string;

  @Field(() => String, { description: 'Type of the changed object, e.g. Village.' })
  objectType: string;

  @Field(() => String, { nullable: true, description: 'E-mail of the account that made the change.' })
  userEmail?: string | null;
}

/** What lists of audit entries filter and sort by (audit.service.ts's table spec reads it too). */
export const AuditEntryList = listTypes(AuditEntry, {
  one: 'audit entry',
  many: 'audit entries',
  where: {
    object: filter(() => IDFilter, 'The changed object, by its global id.', { anyId: 'objectId' }),
    objectType: filter(() => StringFilter, 'Type of the changed object.'),
    operation: filter(() => StringFilter, 'Operation, e.g. updateVillage.'),
    userEmail: filter(() => StringFilter, 'E-mail of the account.'),
    at: filter(() => DateTimeFilter, 'When.'),
  },
  orderBy: { AT: 'at' },
});
export const {
  Where: AuditEntryWhere,
  ListArgs: AuditEntryListArgs,
  Connection: AuditEntryConnection,
} = AuditEntryList;
