import { defineConfig } from 'vitest/config';

/** The docker-compose suite (`npm run test:docker`): needs a Docker engine and the runnel image. */
export default defineConfig({
  test: {
    include: ['test/docker/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // The suite removes its own containers; Ryuk (the reaper) is an image that may not be pullable.
    env: { TESTCONTAINERS_RYUK_DISABLED: process.env.TESTCONTAINERS_RYUK_DISABLED ?? 'true' },
    reporters: ['default'],
  },
});
