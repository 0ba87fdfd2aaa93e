#!/usr/bin/env node
// `npm run test:e2e`: builds the sites the browser tests need through the same build
// script as `npm run build`, then runs Playwright against them (see playwright.config.ts):
//   .kb-test/site      the bundled library
//   .kb-test/site-kb   the bundled library under the base path /kb/
//   .kb-test/site-xss  tests/fixtures/xss-metadata (titles, tags and headings with markup)
// KB_E2E_SKIP_BUILD=1 reuses what was built last.
import { ensureRecentNode } from './lib/node-version.mjs';
ensureRecentNode();

const { spawnSync } = await import('node:child_process');
const path = await import('node:path');

const main = path.resolve('.kb-test/site');
const builds = [
  { out: main, env: {} },
  { out: path.resolve('.kb-test/site-kb'), env: { KB_BASE: '/kb/' } },
  { out: path.resolve('.kb-test/site-xss'), env: { KB_CONTENT_DIR: path.resolve('tests/fixtures/xss-metadata') } },
];
const run = (args, env = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, KB_E2E_DIR: main, ...env } }).status ?? 1;

if (process.env.KB_E2E_SKIP_BUILD !== '1') {
  for (const build of builds) {
    console.log(`\n[e2e] building ${path.relative(process.cwd(), build.out)}/`);
    const status = run(['scripts/build.mjs'], { ...build.env, KB_OUT_DIR: build.out });
    if (status !== 0) process.exit(status);
  }
}
process.exit(run([path.resolve('node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));
