// `npm run storm`: the storefront under a crowd (web/bench), on the same local runtime the browser tests use.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.storm.ts'],
    globalSetup: ['e2e/runtime.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
