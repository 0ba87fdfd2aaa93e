/**
 * Social cards, two stages. `socialCardsStage` renders the card of every published
 * article that the card cache (content-addressed: the name is a hash of what the card
 * shows and of the code and fonts that draw it) does not have yet, in a process of the
 * lowest CPU priority (social-card-worker.ts): it starts once the sources are read and
 * takes the CPU the other stages leave. Nothing waits for it but `cardFilesStage`, which
 * then copies the cards into the staged site (Astro empties its output folder when it
 * starts, so they cannot be put there earlier).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { articleCard, cardPath, cardStyle } from '../../src/data/social-cards.ts';
import { loadTaxonomy } from '../../src/lib/taxonomy.ts';
import { childEnv, type Settings } from '../../src/settings.ts';
import { isPublished, type Inventory } from '../../src/sources/inventory.ts';
import type { CardJob, CardJobResult } from './social-card-worker.ts';
import type { BuildContext, Stage } from './stage.ts';

const cacheDir = (settings: Settings) => path.join(settings.cacheDir, 'kb-cards');

/** Every published article's card: the article file and the card's file name. */
function wantedCards(inventory: Inventory | undefined, settings: Settings) {
  const taxonomy = loadTaxonomy(settings.contentDir);
  return (inventory?.articles ?? []).filter(isPublished).map((article) => {
    const { input, file } = articleCard(article.data, taxonomy);
    return { article: article.file, input, name: file };
  });
}

/** Draws the cards in a process of lowest priority (social-card-worker.ts) and waits for it. */
function drawInBackground(job: CardJob, root: string): Promise<CardJobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'scripts/build/social-card-worker.ts'), [], {
      env: childEnv(),
      execArgv: ['--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      os.setPriority(child.pid!, 19);
    } catch {
      // Not allowed here: the cards then share the CPU evenly, as any stage does.
    }
    let result: CardJobResult | undefined;
    child.once('message', (message: CardJobResult) => (result = message));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      result
        ? resolve(result)
        : reject(new Error(`the social-card process stopped (${signal ?? `exit code ${code}`})`)),
    );
    child.send(job);
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
        drawn = await drawInBackground({ dir, palette: cardStyle().palette, cards: missing }, context.settings.root);
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
