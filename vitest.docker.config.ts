import { defineConfig } from 'vitest/config';

/** The docker-compose suite (`npm run test:docker`): needs a Docker engine and the runnel image. */
export default defineConfig({
  test: {
    include: ['test/docker/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
