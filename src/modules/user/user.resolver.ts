import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { userService } from './user.service.js';
import {
  CreateUserInput,
  LoginInput,
  LoginPayload,
  UpdateUserInput,
  User,
  UserPayload,
} from './user.types.js';
import { userWrites } from './user.writes.js';

@Resolver(() => User)
class UserFields {
  @Query(() => User, { nullable: true, description: 'The signed-in account; null for anonymous callers.' })
  viewer(@Ctx() ctx: Context) {
    return userService.viewer(ctx);
  }

  @Mutation(() => LoginPayload, {
    description:
      'Signs in with e-mail and password and returns a token for `Authorization: Bearer …`. Wrong credentials get one generic user error, after a delay.',
  })
  login(
    @Arg('input', () => LoginInput, { description: 'Credentials.' }) input: LoginInput,
    @Ctx() ctx: Context,
  ) {
    return userService.login(ctx, ctx.auth, input.email, input.password);
  }
}

// biome-ignore format: a table, one field a line
export const UserResolver = ResolverOf(User, { what: 'account', payload: UserPayload, base: UserFields }, {
  region: field.toOne(Region, regionService.byId, 'The region an official governs (and everything below it).', { nullable: true }),
  createUser: field.mutation(CreateUserInput, userWrites.create, 'Creates an account (admins only).'),
  updateUser: field.mutation(UpdateUserInput, userWrites.update, 'Changes an account: role, region, password, disabled (admins only).'),
});
