import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
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
export class UserResolver {
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

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The region an official governs (and everything below it).',
  })
  region(@Root() user: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return regionService.byId(ctx, user.regionId, 'User.region', info);
  }

  @Mutation(() => UserPayload, { description: 'Creates an account (admins only).' })
  createUser(
    @Arg('input', () => CreateUserInput, { description: 'The account.' }) input: CreateUserInput,
    @Ctx() ctx: Context,
  ) {
    return userWrites.create(ctx, input);
  }

  @Mutation(() => UserPayload, {
    description: 'Changes an account: role, region, password, disabled (admins only).',
  })
  updateUser(
    @Arg('input', () => UpdateUserInput, { description: 'The changes.' }) input: UpdateUserInput,
    @Ctx() ctx: Context,
  ) {
    return userWrites.update(ctx, input);
  }
}
