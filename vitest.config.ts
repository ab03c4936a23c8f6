import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests in Node, and end-to-end tests in real Chromium
// against the built app (run `vite build` first; `npm run test:e2e` does).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
