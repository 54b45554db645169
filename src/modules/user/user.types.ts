import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { registerEnum } from '../../graphql/filters.js';
import { ObjectType } from '../../graphql/object-type.js';
import { UserError } from '../../graphql/payload.js';
import { Node } from '../../graphql/types.js';
import { InputField, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { Role } from './user.entity.js';

registerEnum(Role, { name: 'Role', description: 'What an account may do.' });

/** An account. */
@ObjectType({ implements: Node, description: 'An account of the API.' })
export class User extends Node {
  @Field(() => String, { description: 'Sign-in e-mail (lower case).' })
  email: string;

  @Field(() => Role, { description: 'What the account may do.' })
  role: Role;

  @Field(() => String, { nullable: true, description: 'Name shown in the audit trail.' })
  displayName?: string | null;

  @Field(() => Boolean, { description: 'A disabled account cannot sign in.' })
  disabled: boolean;

  @Field(() => Int, { description: 'Version, for updateUser.' })
  version: number;
}

@InputType({ description: 'Credentials.' })
export class LoginInput {
  @InputField(() => String, 'E-mail of the account (case does not matter).', { required: true })
  email: string;
  @InputField(() => String, 'Password.', { required: true })
  password: string;
}

@ObjectType({ description: 'The result of signing in.' })
export class LoginPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'Signed token to send as `Authorization: Bearer <token>`; null when the credentials were refused.',
  })
  token: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the token expires.' })
  expiresAt: Date | null;

  @Field(() => User, { nullable: true, description: 'The signed-in account.' })
  user: unknown;

  @Field(() => [UserError], { description: 'Why signing in failed (always the same generic reason).' })
  userErrors: UserError[];
}

@InputType({ description: 'A new account (admins only).' })
export class CreateUserInput {
  @InputField(() => String, 'Sign-in e-mail.', { kind: 'email', required: true, lowerCase: true })
  email: string;
  @InputField(() => String, 'A password of at least 12 characters (a new one revokes every token).', {
    required: true,
  })
  password: string;
  @InputField(() => Role, 'Role.', { kind: 'value', required: true })
  role: Role;
  @InputField(() => String, 'Code of the region an official governs.', { ref: { by: 'code' } })
  regionCode?: string | null;
  @InputField(() => String, 'Name shown in the audit trail.', { kind: 'value' })
  displayName?: string | null;
}

@InputType({ description: 'Changes to an account (admins only); omitted fields stay.' })
export class UpdateUserInput extends UpdateInputOf(CreateUserInput, ['email']) {
  @Field(() => Boolean, {
    nullable: true,
    description: 'A disabled account cannot sign in, and its tokens stop working at once.',
  })
  disabled?: boolean | null;
}

/** Result of createUser and updateUser. */
export const UserPayload = PayloadOf(User, 'User');
