import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { IDFilter, StringFilter } from '../../graphql/filters.js';
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

export enum AuditEntryOrderField {
  AT = 'AT',
}
registerEnumType(AuditEntryOrderField, {
  name: 'AuditEntryOrderField',
  description: 'Sortable fields of audit entries.',
});

@InputType({ description: 'Conditions on the same timestamp.' })
export class DateTimeFilter {
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'At or after.' })
  gte?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Before.' })
  lt?: Date;
}

@InputType({ description: 'Conditions on audit entries; all given fields must hold.' })
export class AuditEntryWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The changed object, by its global id.' })
  object?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Type of the changed object.' })
  objectType?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Operation, e.g. updateVillage.' })
  operation?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'E-mail of the account.' })
  userEmail?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'When.' })
  at?: DateTimeFilter;
  @Field(() => [AuditEntryWhere], { nullable: true, description: 'All of these hold.' })
  and?: AuditEntryWhere[];
  @Field(() => [AuditEntryWhere], { nullable: true, description: 'Any of these holds.' })
  or?: AuditEntryWhere[];
  @Field(() => AuditEntryWhere, { nullable: true, description: 'This does not hold.' })
  not?: AuditEntryWhere;
}

export const AuditEntryOrder = OrderInput(AuditEntryOrderField, 'AuditEntry');
export const AuditEntryListArgs = ListArgsOf(AuditEntryWhere, AuditEntryOrder, 'audit entry');

@ObjectType({ description: 'A page of audit entries.' })
export class AuditEntryConnection extends ConnectionOf(AuditEntry, 'AuditEntry') {}
