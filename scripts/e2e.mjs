#!/usr/bin/env node
// `npm run test:e2e`: builds the bundled site into .kb-test/site through the same build
// script as `npm run build`, then runs the Playwright tests against it.
import { ensureRecentNode } from './lib/node-version.mjs';
ensureRecentNode();

const { spawnSync } = await import('node:child_process');
const path = await import('node:path');

const dir = path.resolve('.kb-test/site');
const env = { ...process.env, KB_OUT_DIR: dir, KB_E2E_DIR: dir };
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', env }).status ?? 1;

if (process.env.KB_E2E_SKIP_BUILD !== '1') {
  const built = run(['scripts/build.mjs']);
  if (built !== 0) process.exit(built);
}
process.exit(run([path.resolve('node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));
