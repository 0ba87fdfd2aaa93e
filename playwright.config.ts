import fs from 'node:fs';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { settings } from './src/settings.ts';

/**
 * Browser tests run in Debian's Chromium against built sites served by scripts/serve.ts,
 * which sends the headers of public/_headers (the real Content-Security-Policy).
 * scripts/e2e.mjs builds them first:
 * - site:      the bundled library at /            (.kb-test/site, every spec)
 * - base-path: the bundled library under /kb/      (.kb-test/site-kb, the quality, a11y and publish-* specs)
 * - xss:       tests/fixtures/xss-metadata at /     (.kb-test/site-xss, the escaping spec)
 * - hostile:   tests/fixtures/hostile at /, served WITHOUT _headers, as GitHub Pages would
 *              (.kb-test/site-hostile, the hostile-content spec)
 * - comments:  tests/fixtures/comments at /, Giscus on (.kb-test/site-comments, the comments spec)
 * - no-headers, no-headers-kb: site and base-path served without _headers, as GitHub Pages does
 * - generated-1000: the shared 1,000-article corpus   (.kb-test/site-1000, the graph at scale)
 * A site that has not been built (KB_E2E_SKIP_BUILD=1 after a partial build) is skipped.
 */
const port = settings.e2ePort;
const sites = [
  {
    name: 'site',
    dir: '.kb-test/site',
    port,
    base: '/',
    testIgnore: [
      '**/xss.spec.ts',
      '**/hostile.spec.ts',
      '**/comments.spec.ts',
      '**/deploy-no-headers.spec.ts',
      '**/graph-1000.spec.ts',
    ],
  },
  {
    name: 'base-path',
    dir: '.kb-test/site-kb',
    port: port + 1,
    base: '/kb/',
    testMatch: ['**/quality.spec.ts', '**/a11y.spec.ts', '**/publish-*.spec.ts', '**/scholarly.spec.ts'],
  },
  { name: 'xss', dir: '.kb-test/site-xss', port: port + 2, base: '/', testMatch: ['**/xss.spec.ts'] },
  {
    name: 'hostile',
    dir: '.kb-test/site-hostile',
    port: port + 3,
    base: '/',
    testMatch: ['**/hostile.spec.ts'],
    serve: ['--no-headers'],
  },
  {
    name: 'comments',
    dir: '.kb-test/site-comments',
    port: port + 4,
    base: '/',
    testMatch: ['**/comments.spec.ts'],
  },
  // The bundled library served as GitHub Pages serves it: without the _headers file.
  {
    name: 'no-headers',
    dir: '.kb-test/site',
    port: port + 5,
    base: '/',
    testMatch: ['**/deploy-no-headers.spec.ts'],
    serve: ['--no-headers'],
  },
  {
    name: 'no-headers-kb',
    dir: '.kb-test/site-kb',
    port: port + 6,
    base: '/kb/',
    testMatch: ['**/deploy-no-headers.spec.ts'],
    serve: ['--no-headers'],
  },
  {
    name: 'generated-1000',
    dir: '.kb-test/site-1000',
    port: port + 7,
    base: '/',
    testMatch: ['**/graph-1000.spec.ts'],
  },
].filter((site) => site.name === 'site' || fs.existsSync(site.dir));

const projects: PlaywrightTestConfig['projects'] = sites.map((site) => ({
  name: site.name,
  ...(site.testMatch ? { testMatch: site.testMatch } : {}),
  ...(site.testIgnore ? { testIgnore: site.testIgnore } : {}),
  // Specs written for every site use relative URLs ('articles/rope/'), resolved below the base.
  use: { baseURL: `http://localhost:${site.port}${site.base}` },
}));

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    launchOptions: {
      executablePath: settings.chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects,
  webServer: sites.map((site) => ({
    // The Node that runs the tests (22, from node_modules/.bin under npm), not whatever `node` is on PATH.
    command: [
      process.execPath,
      'scripts/serve.ts',
      '--port',
      site.port,
      '--dir',
      site.dir,
      '--base',
      site.base,
      ...(site.serve ?? []),
    ]
      .map((part) => `"${part}"`)
      .join(' '),
    url: `http://localhost:${site.port}${site.base}`,
    reuseExistingServer: false,
    timeout: 30_000,
  })),
});
