/**
 * Social cards, two stages. `socialCardsStage` renders the card of every published
 * article that the card cache (content-addressed: the name is a hash of what the card
 * shows and of the code and fonts that draw it) does not have yet, in a worker thread
 * (social-card-worker.ts). It starts with `astro build` and goes on beside the search
 * index and HTML validation, which leave part of a core idle; nothing waits for it but
 * `cardFilesStage`, which then copies the cards into the staged site (Astro empties its
 * output folder when it starts, so they cannot be put there earlier).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { articleCard, cardPath, cardStyle } from '../../src/data/social-cards.ts';
import { loadTaxonomy } from '../../src/lib/taxonomy.ts';
import type { Settings } from '../../src/settings.ts';
import type { Inventory } from '../../src/sources/inventory.ts';
import type { CardJob, CardJobResult } from './social-card-worker.ts';
import type { BuildContext, Stage } from './stage.ts';

const cacheDir = (settings: Settings) => path.join(settings.cacheDir, 'kb-cards');

/** Every published article's card: the article file and the card's file name. */
function wantedCards(inventory: Inventory | undefined, settings: Settings) {
  const taxonomy = loadTaxonomy(settings.contentDir);
  return (inventory?.articles ?? [])
    .filter((article) => article.publishable && !article.data.draft)
    .map((article) => {
      const { input, file } = articleCard(article.data, taxonomy);
      return { article: article.file, input, name: file };
    });
}

/** Draws the cards in a worker thread (social-card-worker.ts) and waits for it. */
function drawInWorker(job: CardJob): Promise<CardJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./social-card-worker.ts', import.meta.url), { workerData: job });
    let result: CardJobResult | undefined;
    worker.once('message', (message: CardJobResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the social-card worker stopped (exit code ${code})`)),
    );
  });
}

export const socialCardsStage: Stage = {
  name: 'social cards',
  async run(context: BuildContext) {
    const dir = cacheDir(context.settings);
    fs.mkdirSync(dir, { recursive: true });
    const wanted = wantedCards(context.inventory, context.settings);
    const missing = wanted.filter((card) => !fs.existsSync(path.join(dir, card.name)));
    let drawn: CardJobResult = { problems: [], layoutMs: 0, rasterMs: 0 };
    if (missing.length > 0) {
      try {
        drawn = await drawInWorker({ dir, palette: cardStyle().palette, cards: missing });
      } catch (error) {
        drawn.problems.push({
          file: '',
          severity: 'error',
          rule: 'build/social-card',
          message: `the social cards could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
          fix: 'this is a bug of the site: report it with the build output',
        });
      }
    }
    // Cards no article has any more (renamed, retitled) are dropped from the cache.
    const names = new Set(wanted.map((card) => card.name));
    for (const name of fs.readdirSync(dir)) if (!names.has(name)) fs.rmSync(path.join(dir, name), { force: true });
    const { layoutMs, rasterMs } = drawn;
    const each = missing.length
      ? ` (${((layoutMs + rasterMs) / missing.length).toFixed(1)} ms each: layout ${(layoutMs / missing.length).toFixed(1)}, raster ${(rasterMs / missing.length).toFixed(1)})`
      : '';
    context.log(
      `${wanted.length} cards: ${missing.length} drawn${each}, ${wanted.length - missing.length} from the cache`,
    );
    return { problems: drawn.problems };
  },
};

export const cardFilesStage: Stage = {
  name: 'publishing social cards',
  async run(context: BuildContext) {
    const dir = cacheDir(context.settings);
    const target = path.join(context.stagingDir, cardPath('').slice(1));
    fs.mkdirSync(target, { recursive: true });
    for (const card of wantedCards(context.inventory, context.settings)) {
      const source = path.join(dir, card.name);
      if (fs.existsSync(source)) fs.copyFileSync(source, path.join(target, card.name));
    }
    return { problems: [] };
  },
};
