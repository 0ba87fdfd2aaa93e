/**
 * `npm run bench:sanitize [-- --n 1000 --runs 5]`: what the author-HTML allow-list
 * (src/markdown/rehype-author-html.ts) costs. Renders every article of the generated
 * corpus (../shared/bench/gen-corpus.mjs) through the real Markdown pipeline, with and
 * without the allow-list, the two alternating run by run in one process, and reports the
 * medians and the difference, also as a share of a cold build (`--cold-seconds`, from
 * `npm run bench`, when given).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { childEnv, settings } from '../src/settings.ts';
import { option } from './lib/cli.ts';

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

async function renderAll(processor: (typeof pipelines)['sanitized']): Promise<number> {
  const started = performance.now();
  for (const input of inputs) {
    const file = new VFile({ value: input.text, path: input.file });
    if (input.origins) file.data.lineOrigins = input.origins;
    await processor.process(file);
  }
  return performance.now() - started;
}

log(`${inputs.length} Markdown articles, ${RUNS} runs of each pipeline, alternating`);
// One untimed pass of each: Shiki's grammars, KaTeX's caches and the JIT warm up.
await renderAll(pipelines.sanitized);
await renderAll(pipelines.unsanitized);
const times = { sanitized: [] as number[], unsanitized: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? (['sanitized', 'unsanitized'] as const) : (['unsanitized', 'sanitized'] as const);
  for (const name of order) times[name].push(await renderAll(pipelines[name]));
  log(
    `run ${run + 1}: with ${(times.sanitized.at(-1)! / 1000).toFixed(2)} s, without ${(times.unsanitized.at(-1)! / 1000).toFixed(2)} s`,
  );
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const withList = median(times.sanitized);
const without = median(times.unsanitized);
const cost = withList - without;
const lines = [
  `# Cost of the author-HTML allow-list, ${inputs.length} articles (medians of ${RUNS})`,
  '',
  '| pipeline | render all articles |',
  '| --- | --- |',
  `| with the allow-list | ${(withList / 1000).toFixed(2)} s |`,
  `| without | ${(without / 1000).toFixed(2)} s |`,
  `| cost | ${(cost / 1000).toFixed(2)} s (${((cost / without) * 100).toFixed(1)}% of rendering${coldSeconds > 0 ? `, ${((cost / 1000 / coldSeconds) * 100).toFixed(1)}% of a ${coldSeconds} s cold build` : ''}) |`,
];
const outDir = path.join(settings.root, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `bench-sanitize-${N}.md`), `${lines.join('\n')}\n`);
console.log(`\n${lines.join('\n')}`);
