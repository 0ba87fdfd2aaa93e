/**
 * An incremental build writes exactly what a cold build of the same content writes
 * (issue #14, "Correct"). One content folder is built cold; then each edit of
 * scripts/bench/scenarios.ts (the edits `npm run bench` times: a body, a formula, a
 * title, tags, a new article, a deleted one, a tag renamed in the taxonomy) is applied in
 * turn, the same output folder is rebuilt with its warm caches, and the result is
 * compared byte for byte, every file, with a cold build of the edited content into
 * another folder (empty cache). A failure lists the files that differ.
 *
 * Today's build rebuilds everything unless nothing changed, so this passes trivially; it
 * is the safety net for the incremental engine, which must keep it passing.
 *
 * The content is tests/fixtures/incremental: eight short articles that have every page
 * that depends on other articles (backlinks, a series with previous/next, categories,
 * tags with display names from taxonomy.yaml, related lists, papers, equation references,
 * an MDX article), so a stale page has somewhere to show. The articles are short because
 * this builds the site fifteen times; for the same reason the Pagefind index is skipped
 * (KB_SEARCH=0: it has no incremental path yet and is a separate stage), and each edit's
 * two builds run side by side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCENARIOS } from '../../scripts/bench/scenarios.ts';
import { compareTrees } from '../../scripts/lib/compare-trees.ts';
import { fixturesDir, runBuild } from './build-fixture.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-incremental-'));
const content = path.join(root, 'content');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const outDir = (name: string) => path.join(root, name);
const buildInto = (name: string) =>
  runBuild({
    KB_CONTENT_DIR: content,
    KB_OUT_DIR: outDir(name),
    KB_CACHE_DIR: path.join(root, `cache-${name}`),
    KB_SEARCH: '0',
  });

// The output of the first cold build, kept: the reference for "nothing changed".
const INITIAL = 'cold-initial';

beforeAll(async () => {
  fs.cpSync(path.join(fixturesDir, 'incremental'), content, { recursive: true });
  const { status, output } = await buildInto('incremental');
  expect(status, output).toBe(0);
  fs.cpSync(outDir('incremental'), outDir(INITIAL), { recursive: true });
}, 600_000);

const SAME = { onlyInFirst: [], onlyInSecond: [], differing: [] };

for (const scenario of SCENARIOS) {
  it(`${scenario.label}: the incremental build equals a cold build of the same content`, async () => {
    fs.rmSync(outDir('previous'), { recursive: true, force: true });
    fs.cpSync(outDir('incremental'), outDir('previous'), { recursive: true });
    const change = scenario.apply(content, 1);
    const reference = scenario.id === 'no-change' ? INITIAL : `cold-${scenario.id}`;
    const [incremental, cold] = await Promise.all([
      buildInto('incremental'),
      reference === INITIAL ? Promise.resolve({ status: 0, output: '' }) : buildInto(reference),
    ]);
    expect(incremental.status, `incremental build after ${change}:\n${incremental.output}`).toBe(0);
    expect(cold.status, `cold build after ${change}:\n${cold.output}`).toBe(0);
    expect(compareTrees(outDir('incremental'), outDir(reference)), `after ${change}`).toEqual(SAME);
    // The edit shows on the site (else the comparison above would prove nothing).
    if (scenario.id !== 'no-change') expect(compareTrees(outDir('previous'), outDir(reference))).not.toEqual(SAME);
    if (reference !== INITIAL) {
      fs.rmSync(outDir(reference), { recursive: true, force: true });
      fs.rmSync(path.join(root, `cache-${reference}`), { recursive: true, force: true });
    }
  }, 600_000);
}
