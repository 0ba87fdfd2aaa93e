#!/usr/bin/env node
// `npm run build`: checks every article file, builds the site into a staging folder,
// indexes it with Pagefind, checks it (links, anchors, titles, descriptions, canonical URLs,
// HTML validity, inline scripts against public/_headers), and only then swaps it into dist/.
// A failed build leaves the previous dist/ untouched and exits non-zero.
// Environment: KB_CONTENT_DIR (content folder), KB_BASE (/kb/), KB_SEARCH=0 (skip Pagefind),
// KB_LENIENT_MATH=1 (invalid TeX warns instead of failing), KB_OUT_DIR (final folder).
import { ensureRecentNode } from './lib/node-version.mjs';
ensureRecentNode();

const { spawn } = await import('node:child_process');
const fs = await import('node:fs');
const path = await import('node:path');
const crypto = await import('node:crypto');
const { checkSite, validateHtml } = await import('./lib/check-site.mjs');
const { explainAstroOutput } = await import('./lib/astro-errors.mjs');
const { checkSecurityHeaders } = await import('./lib/security-headers.mjs');
const { buildSearchIndex } = await import('./lib/search-index.mjs');
const { buildFingerprint, isUpToDate, recordBuild } = await import('./lib/build-fingerprint.mjs');
const { prerenderArticles } = await import('./lib/prerender.mjs');

const started = Date.now();
const finalDir = path.resolve(process.env.KB_OUT_DIR ?? 'dist');
// Staging sits next to the final folder (one filesystem, so the swap is a rename), and is
// per process: builds of other content folders may run at the same time.
const workDir = path.join(path.dirname(finalDir), '.kb-build');
const stagingDir = path.join(workDir, `staging-${process.pid}`);
const previousDir = path.join(workDir, `previous-${process.pid}`);
const base = (process.env.KB_BASE ?? '/').replace(/\/?$/, '/');
const step = (message) => console.log(`\n[kb] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const fail = (message) => {
  fs.rmSync(stagingDir, { recursive: true, force: true });
  if (fs.existsSync(workDir) && fs.readdirSync(workDir).length === 0) fs.rmSync(workDir, { recursive: true, force: true });
  console.error(`\n[kb] build failed: ${message}\n[kb] ${path.relative(process.cwd(), finalDir)}/ was left as it was.`);
  process.exit(1);
};

const isRunning = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
fs.mkdirSync(workDir, { recursive: true });
// Leftovers of builds that were killed; folders of builds still running are theirs.
for (const name of fs.readdirSync(workDir)) {
  const pid = Number(/-(\d+)$/.exec(name)?.[1]);
  if (!pid || !isRunning(pid) || pid === process.pid) fs.rmSync(path.join(workDir, name), { recursive: true, force: true });
}

// Astro's content cache (node_modules/.astro) belongs to the bundled content folder; any
// other folder gets its own, so a fixture build never reuses or overwrites its entries.
const contentDir = path.resolve(process.env.KB_CONTENT_DIR ?? 'content');
const cacheDir = process.env.KB_CACHE_DIR ?? (contentDir === path.resolve('content')
  ? path.resolve('node_modules/.astro')
  : path.resolve('node_modules/.astro', `content-${crypto.createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}`));

const fingerprint = buildFingerprint(contentDir);
if (isUpToDate(finalDir, fingerprint)) {
  step(`nothing changed since the last build: ${path.relative(process.cwd(), finalDir)}/ is up to date (KB_FORCE=1 rebuilds anyway)`);
  process.exit(0);
}

// Every article file as written (encoding, size, frontmatter, slugs), before anything is
// rendered: each problem with its line, all at once. The articles loader repeats the check
// for `astro dev`; here it runs first so a broken file never reaches the renderers.
step('checking article files');
{
  const { checkArticleFolder } = await import('../src/lib/article-source.ts');
  const { makeArticleSchema } = await import('../src/lib/article-schema.ts');
  const { loadTaxonomy } = await import('../src/lib/taxonomy.ts');
  let report;
  try {
    report = checkArticleFolder(path.join(contentDir, 'articles'), makeArticleSchema([...loadTaxonomy(contentDir).categories.keys()]));
  } catch (error) {
    // A taxonomy file that cannot be read names itself in the message.
    fail(error.message);
  }
  for (const warning of report.warnings) console.warn(`[kb] warning: ${warning.split('\n').join('\n    ')}`);
  if (report.errors.length > 0) {
    fail(`${report.errors.length} problem(s) in the content:\n${report.errors.map((problem) => `  ✗ ${problem.split('\n').map((line) => line.trim()).join('\n    ')}`).join('\n')}`);
  }
}

step('rendering Markdown articles (cached, one worker per core)');
const prerendered = await prerenderArticles(contentDir, { ...process.env, KB_CACHE_DIR: cacheDir });
if (prerendered.errors.length > 0) {
  fail(`${prerendered.errors.length} problem(s) in the content:\n${[...new Set(prerendered.errors)].map((problem) => `  ✗ ${problem.split('\n').join('\n    ')}`).join('\n')}`);
}
console.log(`[kb] ${prerendered.files} articles ready (${prerendered.workers} workers)`);

step('astro build');
const astroBin = path.resolve('node_modules/astro/bin/astro.mjs');
// Astro's output is shown as it comes and kept, to list the problems again at the end.
const astroOutput = [];
const astroStatus = await new Promise((resolve) => {
  const child = spawn(process.execPath, [astroBin, 'build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KB_OUT_DIR: stagingDir, KB_CACHE_DIR: cacheDir, KB_SOURCES_CHECKED: '1', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  child.stdout.on('data', (chunk) => { process.stdout.write(chunk); astroOutput.push(chunk); });
  child.stderr.on('data', (chunk) => { process.stderr.write(chunk); astroOutput.push(chunk); });
  child.on('close', (code) => resolve(code ?? 1));
});
if (astroStatus !== 0) {
  const problems = explainAstroOutput(Buffer.concat(astroOutput).toString('utf8'));
  fail(problems.length > 0
    ? `${problems.length} problem(s) in the content:\n${problems.map((problem) => `  ✗ ${problem}`).join('\n')}`
    : 'astro build reported errors (see above)');
}

// HTML validation runs in this process while Pagefind indexes in its own: they overlap.
const validationRunning = validateHtml(stagingDir);

if (process.env.KB_SEARCH !== '0') {
  step('search index (Pagefind)');
  try {
    const summary = await buildSearchIndex(stagingDir);
    console.log(`[kb] indexed ${summary.pages} pages`);
  } catch (error) {
    fail(`Pagefind: ${error.message}`);
  }
}

step('security headers');
const headerProblems = checkSecurityHeaders(stagingDir);
if (headerProblems.length > 0) fail(`Content-Security-Policy:\n${headerProblems.map((problem) => `  ✗ ${problem}`).join('\n')}`);

step('checking links, anchors, titles, descriptions and HTML');
// Article pages → their Markdown files, so a broken link is reported where it was written.
const articleSources = new Map();
const articlesDir = path.join(contentDir, 'articles');
if (fs.existsSync(articlesDir)) {
  for (const file of fs.readdirSync(articlesDir, { recursive: true })) {
    if (/\.mdx?$/i.test(file)) {
      articleSources.set(`${base}articles/${path.basename(file).replace(/\.mdx?$/i, '').toLowerCase()}/`, path.join(articlesDir, file));
    }
  }
}
const { problems, pageCount } = checkSite(stagingDir, base, articleSources);
const validation = await validationRunning;
if (validation.skipped) console.warn(`[kb] warning: HTML not validated: ${validation.skipped}`);
if (validation.note) console.log(`[kb] ${validation.note}`);
problems.push(...validation.problems);
if (problems.length > 0) {
  const shown = problems.slice(0, 50).map((problem) => `  ✗ ${problem}`).join('\n');
  fail(`${problems.length} problem(s) in the built pages:\n${shown}${problems.length > 50 ? '\n  …' : ''}`);
}
console.log(`[kb] ${pageCount} pages checked`);

// Swap: the old site stays in place until the new one is complete.
if (fs.existsSync(finalDir)) fs.renameSync(finalDir, previousDir);
fs.renameSync(stagingDir, finalDir);
fs.rmSync(previousDir, { recursive: true, force: true });
recordBuild(finalDir, fingerprint);
if (fs.readdirSync(workDir).length === 0) fs.rmSync(workDir, { recursive: true, force: true });
step(`done: ${path.relative(process.cwd(), finalDir)}/ is ready`);
