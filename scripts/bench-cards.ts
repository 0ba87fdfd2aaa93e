/**
 * `npm run bench:cards [-- --n 1000 --cards 60]`: what a social card costs. Draws the cards
 * of the first `--cards` titles of the generated corpus (../shared/bench/gen-corpus.mjs)
 * one after another in this process, fonts loaded by the first, and reports the mean time
 * per card split into layout (satori) and raster and PNG (resvg), and the first card's
 * time on its own. The build draws cards beside `astro build` and only for articles whose
 * card changed (scripts/build/social-cards.ts), so a cold build pays this once per article.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../src/settings.ts';
import { cardStyle } from '../src/data/social-cards.ts';
import { ensureCorpus } from './bench/corpus.ts';
import { renderCard } from './build/social-card-render.ts';
import { option } from './lib/cli.ts';

const N = Number(option('n', '1000'));
const CARDS = Number(option('cards', '60'));
const log = (message: string) => console.log(`[bench:cards] ${message}`);
const corpus = await ensureCorpus(
  path.join(settings.root, '.kb-bench'),
  path.resolve(settings.root, '../shared/bench/gen-corpus.mjs'),
  N,
  log,
);
const corpusDir = corpus.dir;
const { palette } = cardStyle();
const names = fs
  .readdirSync(path.join(corpusDir, 'articles'))
  .sort()
  .slice(0, CARDS + 1);
const timings: { layoutMs: number; rasterMs: number }[] = [];
for (const name of names) {
  const text = fs.readFileSync(path.join(corpusDir, 'articles', name), 'utf8');
  const title = JSON.parse(/^title: (.*)$/m.exec(text)![1]!) as string;
  timings.push(
    await renderCard(
      { title, category: '大模型架构与训练', date: '2025-01-01', siteName: 'ML 知识库', lang: 'zh' },
      palette,
    ),
  );
}
const [first, ...rest] = timings;
const mean = (pick: (timing: { layoutMs: number; rasterMs: number }) => number) =>
  rest.reduce((sum, timing) => sum + pick(timing), 0) / rest.length;
log(
  `${rest.length} cards after the first: ${mean((t) => t.layoutMs + t.rasterMs).toFixed(1)} ms per card ` +
    `(layout ${mean((t) => t.layoutMs).toFixed(1)} ms with satori, raster and PNG ${mean((t) => t.rasterMs).toFixed(1)} ms with resvg); ` +
    `the first card, which loads the fonts: ${(first!.layoutMs + first!.rasterMs).toFixed(0)} ms`,
);
