/**
 * An incremental build writes exactly what a cold build of the same content writes
 * (issue #14, "Correct"). One content folder is built cold; then each edit of
 * scripts/bench/scenarios.ts (the edits `npm run bench` times: a body, a formula, a
 * title, tags, a new article, a deleted one, a tag renamed in the taxonomy) is applied in
 * turn, the same output folder is rebuilt with its warm caches, and the result is
 * compared byte for byte, every file, with a cold build of the edited content into
 * another folder (empty cache). A failure lists the files that differ.
 *
 * The incremental build copies every article page and link preview whose cache key
 * (src/data/page-keys.ts) still holds from the last build, so a key that misses what a
 * page shows of another article leaves a stale page, and the comparison names it. Each
 * rebuild must also have reused pages (Astro marks them "(restored)"), else the
 * comparison would only prove that a full build equals a full build.
 *
 * The content is tests/fixtures/incremental: nine short articles that have every page
 * that depends on other articles (backlinks, a series with previous/next, categories,
 * tags with display names from taxonomy.yaml, related lists, citations of references.bib,
 * equation references, a link to another article's equation with its hover preview, a
 * translation pair, a chain of links two hops long for the local graph, an MDX article),
 * so a stale page has somewhere to show. Besides the benchmark's edits, the test makes the
 * edits that reach a page only through those: a bibliography entry, a linked equation, a
 * translation's title, the title of an article two links away, a new category. The articles are short because
 * this builds the site fifteen times; for the same reason the Pagefind index is skipped
 * (KB_SEARCH=0: it is rebuilt from every page on every build, so it follows the pages).
 * The two builds of an edit run one after the other: Astro stages its server bundle in
 * `<repo>/.astro/.prerender/` when the output folder is outside the repository, and two
 * builds at once delete each other's chunks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCENARIOS } from '../../scripts/bench/scenarios.ts';
import { compareTrees } from '../../scripts/lib/compare-trees.ts';
import { fixturesDir, replaceInFile, runBuild } from './build-fixture.ts';

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

type Replacement = [file: string, from: string, to: string];

/** An edit made of replacements in the content folder, described by what it replaced. */
const replacing = (id: string, label: string, ...replacements: Replacement[]) => ({
  id,
  label,
  apply(contentDir: string): string {
    for (const [file, from, to] of replacements) replaceInFile(contentDir, file, from, to);
    return replacements
      .map(([file, from, to]) => `${file}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`)
      .join('; ');
  },
});

/** Edits that reach other pages only through what those pages show of this one. */
const FIXTURE_EDITS = [
  replacing('bibliography', 'a bibliography entry changed (pages that cite it)', [
    'references.bib',
    '{Attention Is All You Need}',
    '{Attention Is All You Need (revised)}',
  ]),
  replacing('linked-equation', "an equation another article links to changed (that article's hover preview)", [
    'articles/attention/scaled-dot-product.md',
    '{\\sqrt{d_k}}\\right) V',
    '{\\sqrt{d_k}}\\right) V + 0',
  ]),
  replacing('translation', "a translation's title changed (the other version's page)", [
    'articles/notes/glossary-zh.md',
    'title: "术语表：注意力"',
    'title: "注意力术语表"',
  ]),
  // warmup → adamw → softmax-stability
  replacing('two-hops', "the title of an article two links away changed (the local graph's second hop)", [
    'articles/notes/softmax-stability.md',
    'title: "数值稳定的 softmax"',
    'title: "softmax 的数值稳定"',
  ]),
  replacing(
    'new-category',
    'an article moved to a new category (every graph gains a colour group)',
    ['taxonomy.yaml', 'categories:\n', 'categories:\n  numerics: { zh: 数值计算, en: Numerics }\n'],
    [
      'articles/notes/softmax-stability.md',
      'tags: [attention, numerics]',
      'tags: [attention, numerics]\ncategory: numerics',
    ],
  ),
];

for (const scenario of [...SCENARIOS, ...FIXTURE_EDITS]) {
  it(`${scenario.label}: the incremental build equals a cold build of the same content`, async () => {
    fs.rmSync(outDir('previous'), { recursive: true, force: true });
    fs.cpSync(outDir('incremental'), outDir('previous'), { recursive: true });
    const change = scenario.apply(content, 1);
    const reference = scenario.id === 'no-change' ? INITIAL : `cold-${scenario.id}`;
    const incremental = await buildInto('incremental');
    const cold = reference === INITIAL ? { status: 0, output: '' } : await buildInto(reference);
    expect(incremental.status, `incremental build after ${change}:\n${incremental.output}`).toBe(0);
    expect(cold.status, `cold build after ${change}:\n${cold.output}`).toBe(0);
    // Nothing changed: the build stops before Astro. Any edit: Astro reused unchanged pages.
    if (scenario.id !== 'no-change') expect(incremental.output).toMatch(/\(restored\)/);
    expect(compareTrees(outDir('incremental'), outDir(reference)), `after ${change}`).toEqual(SAME);
    // The edit shows on the site (else the comparison above would prove nothing).
    if (scenario.id !== 'no-change') expect(compareTrees(outDir('previous'), outDir(reference))).not.toEqual(SAME);
    if (reference !== INITIAL) {
      fs.rmSync(outDir(reference), { recursive: true, force: true });
      fs.rmSync(path.join(root, `cache-${reference}`), { recursive: true, force: true });
    }
  }, 600_000);
}
