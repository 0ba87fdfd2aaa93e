/**
 * `npm run bench:sanitize [-- --n 1000 --runs 5]`: what the author-HTML allow-list
 * (src/markdown/rehype-author-html.ts) costs. Renders every article of the generated
 * corpus (../shared/bench/gen-corpus.mjs) through the real Markdown pipeline, with and
 * without the allow-list, each article through both in turn in one process, and reports
 * the medians of the CPU time (which other processes on a shared machine do not inflate)
 * and the difference, also as a share of a cold build (`--cold-seconds`, from
 * `npm run bench`, when given).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { childEnv, settings } from '../src/settings.ts';
import { option } from './lib/cli.ts';
import { median } from './lib/measure.ts';

const N = Number(option('n', '1000'));
const RUNS = Number(option('runs', '5'));
const coldSeconds = Number(option('cold-seconds', '0'));
const corpusDir = path.join(settings.root, '.kb-bench', `corpus-${N}`);
const log = (message: string) => console.log(`[bench:sanitize] ${message}`);

if (!fs.existsSync(path.join(corpusDir, 'articles'))) {
  const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
  log(`generating ${N} articles with ${path.relative(process.cwd(), generator)}`);
  const made = spawnSync(process.execPath, [generator, path.join(corpusDir, 'articles'), String(N)], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(made.status ?? 1);
}

// The pipeline resolves links against the configured content folder: run against the corpus.
if (path.resolve(settings.contentDir) !== corpusDir) {
  const again = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: 'inherit',
    env: childEnv({ KB_CONTENT_DIR: corpusDir }),
  });
  process.exit(again.status ?? 1);
}

const { createArticleProcessor, createUnsanitizedProcessorForBench, parserInput } =
  await import('../src/markdown/article-renderer.ts');
const { inventory } = await import('../src/sources/inventory.ts');

const files = inventory()
  .articles.filter((article) => article.publishable && article.format === 'md')
  .map((article) => article.file);
const inputs = files.map((file) => ({ file, ...parserInput(file) }));
const pipelines = { sanitized: createArticleProcessor(), unsanitized: createUnsanitizedProcessorForBench() };

/** CPU time of this process, ms: other processes on a shared machine do not count in it. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function renderOne(processor: (typeof pipelines)['sanitized'], input: (typeof inputs)[number]): Promise<number> {
  const started = cpuMs();
  const file = new VFile({ value: input.text, path: input.file });
  if (input.origins) file.data.lineOrigins = input.origins;
  await processor.process(file);
  return cpuMs() - started;
}

/**
 * One pass over the corpus: each article rendered by both pipelines, one right after the
 * other (the order alternating), so a change in the machine's speed hits both alike.
 */
async function pass(run: number): Promise<{ sanitized: number; unsanitized: number }> {
  const total = { sanitized: 0, unsanitized: 0 };
  for (const [index, input] of inputs.entries()) {
    const order =
      (index + run) % 2 === 0 ? (['sanitized', 'unsanitized'] as const) : (['unsanitized', 'sanitized'] as const);
    for (const name of order) total[name] += await renderOne(pipelines[name], input);
  }
  return total;
}

log(`${inputs.length} Markdown articles, ${RUNS} passes, each article through both pipelines in turn (CPU time)`);
// One untimed pass: Shiki's grammars, KaTeX's caches and the JIT warm up.
await pass(1);
const times = { sanitized: [] as number[], unsanitized: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const total = await pass(run);
  times.sanitized.push(total.sanitized);
  times.unsanitized.push(total.unsanitized);
  log(
    `pass ${run + 1}: with ${(total.sanitized / 1000).toFixed(2)} s, without ${(total.unsanitized / 1000).toFixed(2)} s of CPU`,
  );
}
const withList = median(times.sanitized);
const without = median(times.unsanitized);
const cost = withList - without;
const lines = [
  `# Cost of the author-HTML allow-list, ${inputs.length} articles (medians of ${RUNS})`,
  '',
  '| pipeline | CPU time to render all articles |',
  '| --- | --- |',
  `| with the allow-list | ${(withList / 1000).toFixed(2)} s |`,
  `| without | ${(without / 1000).toFixed(2)} s |`,
  `| cost | ${(cost / 1000).toFixed(2)} s (${((cost / without) * 100).toFixed(1)}% of rendering${coldSeconds > 0 ? `, ${((cost / 1000 / coldSeconds) * 100).toFixed(1)}% of a ${coldSeconds} s cold build` : ''}) |`,
];
const outDir = path.join(settings.root, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `bench-sanitize-${N}.md`), `${lines.join('\n')}\n`);
console.log(`\n${lines.join('\n')}`);
