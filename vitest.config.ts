// One test run for all three layers: unit, integration (real server, real sockets) and real Chromium.
import { defineConfig } from 'vitest/config';

/**
 * A browser test spends most of its time waiting on Chromium (frames, sockets, timers), not on the processor: one
 * file at a time, the browser files keep under a quarter of two cores busy. So they run two at a time, after the
 * unit and integration files and never beside them. The weak-network test measures how long a vote takes on a slow
 * link, so it runs with the unit and integration files, one file at a time, as before.
 */
const ALONE = ['test/browser/slow-network.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'browser-alone', include: ALONE, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          exclude: ALONE,
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
    ],
  },
});
