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
  }
}

/**
 * One database for the whole run, migrated and loaded with the demo dataset: a fresh database on
 * TEST_DATABASE_URL/DATABASE_URL's server when one is given, else an embedded PostgreSQL in a
 * temporary directory. Removed afterwards.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let url: string;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const name = `revgraph_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    teardown = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'revgraph-test-'));
    // mkdtemp makes it 0700; PostgreSQL runs as its own user when we are root and must reach inside.
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
    url = embedded.url;
    teardown = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    const orm = await openOrm(url);
    await seedIfEmpty(orm);
    await orm.close();
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('databaseUrl', url);
  return teardown;
}
