import { defineModule } from '../module.js';
import { AppUser } from './user.entity.js';
import { UserResolver } from './user.resolver.js';

/** Accounts and sign-in. */
export const userModule = defineModule({
  name: 'user',
  entities: [AppUser],
  resolvers: [UserResolver],
});
