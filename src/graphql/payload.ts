import { Field, registerEnumType } from 'type-graphql';
import { ObjectType } from './object-type.js';

/** Why an input was refused; the same codes for every mutation. */
export enum UserErrorCode {
  /** A value has the wrong form or is out of range. */
  INVALID = 'INVALID',
  /** A required value is missing. */
  REQUIRED = 'REQUIRED',
  /** A referenced object does not exist or is not visible to the caller. */
  NOT_FOUND = 'NOT_FOUND',
  /** The object changed since the version the input was based on. */
  CONFLICT = 'CONFLICT',
  /** A domain rule would be broken (overlapping leases, a stage moving backwards, …). */
  RULE_BROKEN = 'RULE_BROKEN',
  /** The value is already taken (e-mail, natural key). */
  TAKEN = 'TAKEN',
  /** The input is larger than a limit allows (a file's size, its rows, its unzipped size). */
  TOO_LARGE = 'TOO_LARGE',
  /** E-mail and password do not match an active account. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why an input was refused.' });

/** A failure the user can fix, returned as data by mutations; nothing was written when there is one. */
@ObjectType({ description: 'A failure the user can fix; when a payload has any, nothing was written.' })
export class UserError {
  @Field(() => [String], {
    description: 'Path into the input of the value at fault, e.g. ["input", "email"].',
  })
  field: string[];

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code: UserErrorCode;

  @Field(() => String, { description: 'Human-readable explanation.' })
  message: string;
}

export const userError = (field: string[], code: UserErrorCode, message: string): UserError => ({
  field,
  code,
  message,
});
