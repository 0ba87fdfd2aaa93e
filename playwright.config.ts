import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium against the built site served by
 * scripts/serve.mjs (the production output with its real security headers).
 * scripts/e2e.mjs builds the site first and sets KB_E2E_DIR.
 */
const port = Number(process.env.KB_E2E_PORT ?? 4399);
const dir = process.env.KB_E2E_DIR ?? '.kb-test/site';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port} --dir ${dir}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
