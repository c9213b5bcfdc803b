import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(__dirname),
  // `server-only` throws outside React Server Components; tests call the data layer directly.
  'server-only': path.resolve(__dirname, 'tests/support/empty-module.ts'),
};

// The embedded database is a single backend: run integration files one at a time against it.
const isEmbeddedDb = process.env.REGIMEN_EMBEDDED_DB === '1';

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'lib/domain/**/*.test.ts'],
          environment: 'node',
          // A guard against a hung test, not a speed limit: the property tests (hundreds of generated cases each)
          // take 1-2 s on a quiet machine and went past Vitest's default 5 s on a busy one, failing a green run.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: !isEmbeddedDb,
          // next-auth's secret, as the app always has one: known-device tokens are signed with a key derived from it.
          env: { NEXTAUTH_SECRET: 'integration-only-secret-not-for-production' },
        },
      },
    ],
  },
});
