import { randomUUID } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { AuthSettings } from '../modules/user/auth.js';
import { Locale } from './locale.js';
import { Loaders } from './read/loaders.js';
import { anonymous, type Viewer } from './viewer.js';

/**
 * Everything one request carries: its own EntityManager fork (writes), its own DataLoaders (reads),
 * the caller and the language. Created per request by `createContext`; nothing request-scoped lives
 * at module level.
 */
export interface Context {
  requestId: string;
  viewer: Viewer;
  /** Default language for names: the `Accept-Language` header, Chinese when absent. */
  locale: Locale;
  em: EntityManager;
  knex: Knex;
  /** Replaced after a write, so the payload is read fresh. */
  loaders: Loaders;
  /** SQL statements this request issued through the read layer. */
  stats: { statements: number };
  /** Token signing and sign-in settings. */
  auth: AuthSettings;
  /**
   * What became of the request, for the HTTP layer (an object: Apollo hands resolvers a shallow copy
   * of the context). `cacheable`: the answer may be stored in the response cache.
   */
  outcome: { cacheable: boolean };
}

export function createContext(
  em: EntityManager,
  auth: AuthSettings,
  options: { locale?: Locale; viewer?: Viewer; requestId?: string } = {},
): Context {
  const fork = em.fork();
  return {
    requestId: options.requestId ?? randomUUID(),
    viewer: options.viewer ?? anonymous,
    locale: options.locale ?? Locale.ZH,
    em: fork,
    knex: fork.getKnex(),
    loaders: new Loaders(),
    stats: { statements: 0 },
    auth,
    outcome: { cacheable: false },
  };
}
