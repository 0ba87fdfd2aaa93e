import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts', 'tests/build/**/*.test.ts'],
    environment: 'node',
    // Fixture builds run Astro in a child process; give them time on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
