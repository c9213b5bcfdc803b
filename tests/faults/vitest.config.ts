// Fault-injection tests: each file starts its own throwaway PostgreSQL (and the production server for the outage
// test), stops, kills and restarts it. Run after a production build exists (REGIMEN_DIST_DIR, default
// .next): `vitest run --config tests/faults/vitest.config.ts`.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(__dirname, '..', '..');

const alias = {
  '@': root,
  // `server-only` throws outside React Server Components; tests call the data layer directly.
  'server-only': path.resolve(root, 'tests/support/empty-module.ts'),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    name: 'faults',
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    // Two PostgreSQL servers and a Next.js server at once would fight over two cores: one file at a time.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
