import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openOrm } from '../src/db/orm.js';
import { type Context, createContext } from '../src/graphql/context.js';
import { Locale } from '../src/graphql/locale.js';
import { modules } from '../src/modules/index.js';
import type { Module } from '../src/modules/module.js';
import { type AuthSettings, authenticate, issueToken } from '../src/modules/user/auth.js';
import { AppUser, type Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';
import { createApollo } from '../src/server.js';

/** Token settings of the tests: a fixed secret and a short delay for refused sign-ins. */
export const testAuth: AuthSettings = {
  secret: new TextEncoder().encode('test-secret-test-secret-test-secret-0123'),
  tokenTtlSeconds: 600,
  failureDelayMs: 200,
};

/**
 * Opens the ORM on `url` (see `openOrm`) with the entities and migrations of `of` (default: the
 * API's modules) and builds the read engine's registry from them, as the API does.
 */
export async function openTestOrm(url: string, of: readonly Module[] = modules): Promise<MikroORM> {
  const orm = await openOrm(url, { modules: of });
  return orm;
}

/** Path of a file beside the project (`../shared/...`): present on the development machine, not in a clone. */
export const sharedPath = (name: string) => fileURLToPath(new URL(`../../shared/${name}`, import.meta.url));

/** The project's own client operations (`operations/<Name>.graphql`): what real clients send. */
export const OPERATIONS_DIR = fileURLToPath(new URL('../operations/', import.meta.url));

/** Text of the client operation `operations/<name>.graphql`. */
export const operation = (name: string) => readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8');

export interface Result<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  /** SQL statements the operation issued. */
  statements: number;
}

/**
 * The API as the tests see it: the real schema executed by Apollo over a test database, one fresh
 * context (EntityManager fork, loaders) per operation, like a request. Tests that change data say
 * `{ writes: true }` and get the other database, so figures of the read-only tests stay exact; a test
 * that needs a database to itself gives its `url` (read when the tests start), and one that adds a
 * module gives the `modules` (their entities, migrations, resolvers and tables).
 */
export function useApi(options: { writes?: boolean; url?: () => string; modules?: readonly Module[] } = {}) {
  const api: {
    orm: MikroORM;
    apollo: ApolloServer<Context>;
    auth: AuthSettings;
    /** Runs an operation as anonymous, or as the account of `token`. */
    run<T = any>(
      query: string,
      variables?: Record<string, unknown>,
      options?: { locale?: Locale; token?: string },
    ): Promise<Result<T>>;
    sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  } = {} as never;
  const logged: unknown[] = [];
  beforeAll(async () => {
    api.orm = await openTestOrm(
      options.url?.() ?? inject(options.writes ? 'writeDatabaseUrl' : 'databaseUrl'),
      options.modules,
    );
    api.apollo = await createApollo({
      maxQueryDepth: 12,
      log: (e) => logged.push(e),
      modules: options.modules,
    });
    api.auth = testAuth;
    api.run = async (query, variables, options) => {
      const viewer = await authenticate(
        api.orm.em,
        testAuth,
        options?.token ? `Bearer ${options.token}` : undefined,
      );
      const ctx = createContext(api.orm.em, testAuth, { locale: options?.locale ?? Locale.ZH, viewer });
      const response = await api.apollo.executeOperation({ query, variables }, { contextValue: ctx });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { data: data as never, errors: errors as never, statements: ctx.stats.statements };
    };
    api.sql = async (text, params = []) => (await api.orm.em.getKnex().raw(text, params as never[])).rows;
  });
  afterAll(async () => {
    await api.apollo?.stop();
    await api.orm?.close();
  });
  return api;
}

/** Reads `data` of a result, failing with the errors when there are any. */
export function ok<T = any>(result: Result<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** Creates an account (once) in the API's database and returns a token for it. */
export async function tokenFor(
  api: ReturnType<typeof useApi>,
  name: string,
  role: Role,
  regionCode?: string,
): Promise<string> {
  const email = `${name}@tests.example`;
  let user = await api.orm.em.fork().findOne(AppUser, { email });
  user ??= await userService.create(api.orm.em.fork(), {
    email,
    password: 'a long test password',
    role,
    regionCode,
  });
  return (await issueToken(testAuth, user.id, user.tokenVersion)).token;
}

/** Runs `statements` one after the other on `target`, on a connection of their own: each one's rows. */
export async function sqlOn(target: URL | string, statements: string[]): Promise<any[][]> {
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const results = [];
    for (const statement of statements) results.push((await client.query(statement)).rows);
    return results;
  } finally {
    await client.end();
  }
}

/**
 * A database of a test's own, `revgraph_<label>_<pid>`, on the server of the run's databases:
 * `create` makes it anew (empty), `drop` removes it.
 */
export function scratchDatabase(label: string) {
  const admin = new URL(inject('databaseUrl'));
  admin.pathname = '/postgres';
  const name = `revgraph_${label}_${process.pid}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url,
    create: () => sqlOn(admin, [`drop database if exists ${name} with (force)`, `create database ${name}`]),
    drop: () => sqlOn(admin, [`drop database if exists ${name} with (force)`]),
  };
}
