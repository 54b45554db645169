import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedIfEmpty } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { openOrm } from '../src/db/orm.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    writeDatabaseUrl: string;
  }
}

/**
 * Two databases for the whole run, migrated and loaded with the demo dataset: `databaseUrl` for the
 * tests that only read (their figures stay comparable with SQL), `writeDatabaseUrl` for the tests
 * that change data. Both on TEST_DATABASE_URL/DATABASE_URL's server when one is given, else on an
 * embedded PostgreSQL in a temporary directory. Removed afterwards.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'revgraph-test-'));
    // mkdtemp makes it 0700; PostgreSQL runs as its own user when we are root and must reach inside.
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
    serverUrl = embedded.url;
    stopServer = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const suffix = `${process.pid}_${Date.now()}`;
  const names = [`revgraph_read_${suffix}`, `revgraph_write_${suffix}`];
  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const teardown = async () => {
    await admin(names.map((n) => `drop database if exists ${n} with (force)`)).catch(() => {});
    await stopServer();
  };
  const urls = names.map((name) => {
    const target = new URL(serverUrl!);
    target.pathname = `/${name}`;
    return target.toString();
  });
  try {
    await admin(names.map((n) => `create database ${n}`));
    await Promise.all(
      urls.map(async (url) => {
        const orm = await openOrm(url);
        await seedIfEmpty(orm);
        await orm.close();
      }),
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('databaseUrl', urls[0]!);
  project.provide('writeDatabaseUrl', urls[1]!);
  return teardown;
}
