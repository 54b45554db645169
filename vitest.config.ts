import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS entry for the libraries in node_modules; make our own code use the
  // same copy, or `instanceof GraphQLScalarType` fails across two copies of graphql.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // The pure parts of the read engine: no database, so no PostgreSQL is started for them alone.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/*.test.ts'], globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
