/**
 * The benchmark's Markdown report and the README block made from it: the three columns
 * side by side, every goal with its target and verdict, what a run left out and a loaded
 * machine said in words; the README's figures replaced between their markers only.
 */
import { describe, expect, it } from 'vitest';
import { judgeGoals } from '../../../scripts/bench/goals.ts';
import { README_END, README_START, readmeBlock, replaceReadmeBlock } from '../../../scripts/bench/readme.ts';
import { firstSearchParts, formatReport, type BenchReport } from '../../../scripts/bench/report.ts';

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  const cold = {
    site: { seconds: 82.1, peakMiB: 1228.8, parts: {} },
    baseline: { seconds: 239.1, peakMiB: 5120, parts: {} },
    hugo: { seconds: 18, peakMiB: 900, parts: { hugo: 8.1, pagefind: 9.9 } },
  };
  const base: BenchReport = {
    command: 'npm run bench -- --n 1000',
    date: '2026-12-01T12:00:00.000Z',
    articles: 1000,
    runs: 3,
    omitted: [],
    machine: { cpus: 2, node: '22.23.3', hugo: 'hugo v0.111.3', loadStart: 0.4, loadEnd: 0.6 },
    records: [{ run: 1, order: ['site', 'baseline', 'hugo'], cold, scenarios: [] }],
    cold,
    coldVsHugo: 82.1 / 18,
    scenarios: [
      {
        id: 'body',
        label: 'edit one body',
        siteSeconds: 52.6,
        baselineSeconds: 102.1,
        ratio: 52.6 / 82.1,
        target: 0.1,
      },
    ],
    outputMiB: { site: 169.4, baseline: 125.6, hugo: 60 },
    site: undefined,
    authoringLoop: undefined,
    identical: undefined,
    goals: [],
  };
  const merged = { ...base, ...overrides };
  return {
    ...merged,
    goals: judgeGoals({
      articles: merged.articles,
      coldVsHugo: merged.coldVsHugo,
      scenarios: merged.scenarios.map(({ id, label, ratio, target }) => ({ id, label, ratio, target: target! })),
      coldSeconds: merged.cold.site?.seconds,
      coldPeakMiB: merged.cold.site?.peakMiB,
      firstSearchCompressedBytes: undefined,
      authoringLoopSeconds: undefined,
      identical: merged.identical,
    }),
  };
}

const rowOf = (markdown: string, start: string) => markdown.split('\n').find((line) => line.startsWith(`| ${start}`));

describe('the report', () => {
  const markdown = formatReport(report());

  it('puts the three columns side by side, Hugo as its two parts and their sum', () => {
    expect(rowOf(markdown, 'cold')).toBe('| cold | 82.1 s | 1 | 239.1 s | 8.1 s + 9.9 s = 18.0 s |');
    expect(rowOf(markdown, 'edit one body |')).toBe(
      '| edit one body | 52.6 s | 0.64× | 102.1 s | (full rebuild) 18.0 s |',
    );
  });

  it('gives each goal its measured ratio, its target and a verdict', () => {
    expect(rowOf(markdown, 'edit one body: rebuild')).toBe(
      '| edit one body: rebuild ÷ cold build | 0.64× | ≤ 0.10× | **missed** |',
    );
    expect(rowOf(markdown, 'cold build ÷ Hugo')).toBe(
      '| cold build ÷ Hugo + Pagefind (same corpus, same run) | 4.56× | ≤ 3× | **missed** |',
    );
    expect(rowOf(markdown, 'cold build of 10,000')).toContain(
      'indicative (within the target at 1,000 articles; judged at 10,000 (npm run bench -- --n 10000))',
    );
    expect(rowOf(markdown, 'authoring loop')).toContain('not measured (npm run bench -- --n 1000 --scenario dev)');
  });

  it('names the command that produced it', () => {
    expect(markdown.split('\n')[0]).toContain('(`npm run bench -- --n 1000`)');
  });

  it('says which columns a run left out and that a loaded machine inflates the seconds', () => {
    const loaded = formatReport(
      report({
        omitted: ['The bare baseline column is left out (--no-baseline).'],
        machine: { cpus: 2, node: '22', hugo: undefined, loadStart: 9.5, loadEnd: 12 },
        cold: { site: { seconds: 10, peakMiB: 500, parts: {} }, baseline: undefined, hugo: undefined },
        coldVsHugo: undefined,
      }),
    );
    expect(loaded).toContain('The bare baseline column is left out (--no-baseline).');
    expect(loaded).toMatch(
      /shared and loaded \(1-minute load average 9\.5 at the start, 12\.0 at the end, on 2 cores\)/,
    );
    expect(rowOf(loaded, 'cold |')).toBe('| cold | 10.0 s | 1 | – | – (no hugo) |');
  });
  it('reports the authoring loop per save, a save never shown counted as the wait limit', () => {
    const markdown = formatReport(
      report({
        authoringLoop: {
          articles: 1000,
          article: 'adam-00003.md',
          startSeconds: 41.2,
          saveSeconds: [0.8, 60, 0.9],
          notShown: 1,
          medianSeconds: 0.9,
        },
      }),
    );
    expect(markdown).toContain(
      'Authoring loop (`npm run dev` on 1000 articles, saving adam-00003.md): dev server answered after 41.2 s; save → visible 0.80, 60.00, 0.90 s (median 0.90 s); 1 save(s) not on screen within the wait limit, counted as that limit.',
    );
  });
});

describe('the README block', () => {
  const readme = `# Site\n\n## Performance\n\nHow to run it.\n\n${README_START}\n\nold figures\n\n${README_END}\n\nWhat makes it fast.\n`;

  it('replaces only what stands between the markers, and again on a second run', () => {
    const block = readmeBlock([report({ articles: 10_000, command: 'npm run bench -- --n 10000' }), report()]);
    const once = replaceReadmeBlock(readme, block);
    expect(once).not.toContain('old figures');
    expect(once.startsWith('# Site\n\n## Performance\n\nHow to run it.\n\n')).toBe(true);
    expect(once.endsWith(`${README_END}\n\nWhat makes it fast.\n`)).toBe(true);
    // Smallest corpus first.
    expect(once.indexOf('--n 1000`')).toBeLessThan(once.indexOf('--n 10000`'));
    expect(replaceReadmeBlock(once, block)).toBe(once);
  });

  it('refuses a README without its markers', () => {
    expect(() => replaceReadmeBlock('# Site\n', 'figures')).toThrow(/README\.md needs the lines/);
  });
});

it('splits a first search into Pagefind runtime, index and result fragments', () => {
  expect(
    firstSearchParts([
      { file: '/pagefind/kb-vocabulary.json', bytes: 1500 },
      { file: '/pagefind/pagefind.js', bytes: 15_000 },
      { file: '/pagefind/pagefind-worker.js', bytes: 14_000 },
      { file: '/pagefind/pagefind-entry.json', bytes: 170 },
      { file: '/pagefind/pagefind.zh_bdc826281a.pf_meta', bytes: 1500 },
      { file: '/pagefind/wasm.unknown.pagefind', bytes: 55_000 },
      { file: '/pagefind/index/zh_8f7127d.pf_index', bytes: 30_000 },
      { file: '/pagefind/fragment/zh_d3f9c89.pf_fragment', bytes: 2000 },
      { file: '/pagefind/fragment/zh_87f8db5.pf_fragment', bytes: 2500 },
    ]),
  ).toEqual({ runtime: 84_000, index: 33_170, fragments: 4500 });
});
