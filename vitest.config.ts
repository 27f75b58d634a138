import path from 'node:path';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const root = path.resolve(__dirname);
const pgUrl = process.env.TEST_DATABASE_URL;

const integration = (name: string, store: string): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name,
    include: ['**/*.int.test.ts'],
    // Each file opens its own store; PGlite and argon2 are CPU-heavy, so
    // keep parallelism modest on small CI machines.
    env: { PIER_TEST_STORE: store },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    exclude: ['node_modules/**', '.next/**', '.next-*/**', 'e2e/**', 'data/**'],
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', '.next/**', '.next-*/**', 'e2e/**', 'data/**'],
        },
      },
      integration('integration', 'pglite'),
      // Only when a PostgreSQL server is given: the same files, on real PostgreSQL.
      ...(pgUrl ? [integration('integration-pg', 'pg')] : []),
    ],
  },
});
