import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

/**
 * Two test projects:
 *  - `node`: pure logic (snapshot codec, builder, engine, CLI) in Node.
 *  - `browser`: everything that touches IndexedDB, Workers or the DOM, in real headless Chromium.
 *
 * The browser project never skips silently: when Chromium is missing it fails with install advice.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const wantBrowser = !process.argv.includes('--project=node');
if (wantBrowser && !existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. The browser test suite needs it: ` +
      `install it with "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
  );
}

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-snapshots.ts', 'test/setup/foreign-origins.ts'],
    // Generous per-test limits: property tests and real builds must not fail because the machine
    // is busy. Speed is measured by `npm run bench`, never by a test's clock.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath,
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
