/**
 * `npm run test:e2e`: builds the sites the browser tests need through the same build
 * script as `npm run build`, then runs Playwright against them (see playwright.config.ts):
 *   .kb-test/site      the bundled library
 *   .kb-test/site-kb   the bundled library under the base path /kb/, on another site URL
 *   .kb-test/site-xss  tests/fixtures/xss-metadata (titles, tags and headings with markup)
 *   .kb-test/site-hostile  tests/fixtures/hostile (one article per attack family), built
 *                      as a site of untrusted content is: KB_LENIENT=1, KB_MDX=off
 *   .kb-test/site-comments  tests/fixtures/comments with Giscus comments on (KB_COMMENTS)
 *   .kb-test/site-1000 the shared generated corpus of 1,000 articles (the graph at scale; no
 *                      search index: that spec needs none)
 * KB_E2E_SKIP_BUILD=1 reuses what was built last.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, settings } from '../src/settings.ts';
import { E2E_KB_SITE_URL, E2E_REPO_URL } from '../tests/e2e/sites.ts';

const site = (name: string) => path.join(settings.root, '.kb-test', name);
// The bundled library names a repository, so its pages link their history (a made-up one:
// the tests check the links, they never follow them).
const repo = { KB_REPO_URL: E2E_REPO_URL };
const corpus = site('corpus-1000');
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const builds = [
  { out: site('site'), env: repo },
  { out: site('site-kb'), env: { ...repo, KB_BASE: '/kb/', KB_SITE_URL: E2E_KB_SITE_URL } },
  { out: site('site-xss'), env: { KB_CONTENT_DIR: path.join(settings.root, 'tests/fixtures/xss-metadata') } },
  {
    out: site('site-hostile'),
    env: { KB_CONTENT_DIR: path.join(settings.root, 'tests/fixtures/hostile'), KB_LENIENT: '1', KB_MDX: 'off' },
  },
  {
    out: site('site-comments'),
    env: {
      KB_CONTENT_DIR: path.join(settings.root, 'tests/fixtures/comments'),
      KB_COMMENTS: 'giscus',
      KB_GISCUS_REPO: 'ml-kb/comments',
      KB_GISCUS_REPO_ID: 'R_test',
      KB_GISCUS_CATEGORY: 'Comments',
      KB_GISCUS_CATEGORY_ID: 'DIC_test',
    },
  },
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
