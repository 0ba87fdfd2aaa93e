/**
 * `npm run test:e2e`: builds the sites the browser tests need through the same build
 * script as `npm run build`, then runs Playwright against them (see playwright.config.ts):
 *   .kb-test/site      the bundled library
 *   .kb-test/site-kb   the bundled library under the base path /kb/
 *   .kb-test/site-xss  tests/fixtures/xss-metadata (titles, tags and headings with markup)
 *   .kb-test/site-1000 the shared generated corpus of 1,000 articles (the graph at scale; no
 *                      search index: that spec needs none)
 * KB_E2E_SKIP_BUILD=1 reuses what was built last.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, settings } from '../src/settings.ts';

const site = (name: string) => path.join(settings.root, '.kb-test', name);
const corpus = site('corpus-1000');
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const builds = [
  { out: site('site'), env: {} },
  { out: site('site-kb'), env: { KB_BASE: '/kb/' } },
  { out: site('site-xss'), env: { KB_CONTENT_DIR: path.join(settings.root, 'tests/fixtures/xss-metadata') } },
  { out: site('site-1000'), env: { KB_CONTENT_DIR: corpus, KB_SEARCH: '0' }, corpus: true },
];
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', env: childEnv(env) }).status ?? 1;

if (!settings.e2eSkipBuild) {
  for (const build of builds) {
    if (build.corpus) {
      // The corpus is written once (it is deterministic) and reused by later runs.
      if (!fs.existsSync(generator)) {
        console.log(`\n[e2e] skipping ${path.relative(process.cwd(), build.out)}/: no ${generator}`);
        continue;
      }
      if (!fs.existsSync(path.join(corpus, 'articles')))
        if (run([generator, path.join(corpus, 'articles'), '1000']) !== 0) process.exit(1);
    }
    console.log(`\n[e2e] building ${path.relative(process.cwd(), build.out)}/`);
    const status = run([path.join(settings.root, 'scripts/build.ts')], { ...build.env, KB_OUT_DIR: build.out });
    if (status !== 0) process.exit(status);
  }
}
process.exit(run([path.join(settings.root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));
