/**
 * Social cards, two stages. `socialCardsStage` renders the card of every published
 * article that the card cache (content-addressed: the name is a hash of what the card
 * shows and of the code and fonts that draw it) does not have yet. It runs beside
 * `astro build`, which keeps one core busy and leaves the other to the cards, in this
 * process: the build only waits for Astro meanwhile. `cardFilesStage` then copies the
 * cards into the staged site (Astro empties its output folder when it starts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { articleCard, cardPath, cardStyle } from '../../src/data/social-cards.ts';
import type { Problem } from '../../src/lib/problems.ts';
import { loadTaxonomy } from '../../src/lib/taxonomy.ts';
import type { Settings } from '../../src/settings.ts';
import type { Inventory } from '../../src/sources/inventory.ts';
import { cardText, charactersWithoutGlyphs, renderCard } from './social-card-render.ts';
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

export const socialCardsStage: Stage = {
  name: 'social cards',
  async run(context: BuildContext) {
    const dir = cacheDir(context.settings);
    fs.mkdirSync(dir, { recursive: true });
    const wanted = wantedCards(context.inventory, context.settings);
    const missing = wanted.filter((card) => !fs.existsSync(path.join(dir, card.name)));
    const { palette } = cardStyle();
    const problems: Problem[] = [];
    for (const card of missing) {
      const lacking = charactersWithoutGlyphs(cardText(card.input));
      if (lacking.length > 0)
        problems.push({
          file: card.article,
          line: 1,
          severity: 'warning',
          rule: 'card/missing-glyph',
          message: `the social card's font (Noto Sans SC) has no ${lacking.map((char) => `"${char}"`).join(', ')}: the card shows a box instead`,
          fix: 'write the title without it (a Latin or Chinese equivalent), or leave it: only the card is affected',
        });
    }
    let layoutMs = 0;
    let rasterMs = 0;
    for (const card of missing) {
      try {
        const rendered = await renderCard(card.input, palette);
        layoutMs += rendered.layoutMs;
        rasterMs += rendered.rasterMs;
        const target = path.join(dir, card.name);
        fs.writeFileSync(`${target}.${process.pid}.tmp`, rendered.png);
        fs.renameSync(`${target}.${process.pid}.tmp`, target);
      } catch (error) {
        problems.push({
          file: card.article,
          severity: 'error',
          rule: 'build/social-card',
          message: `the social card could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
          fix: 'this is a bug of the site or a title it cannot draw: report it with the title',
        });
      }
      // Let the Astro stage's output through between cards.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Cards no article has any more (renamed, retitled) are dropped from the cache.
    const names = new Set(wanted.map((card) => card.name));
    for (const name of fs.readdirSync(dir)) if (!names.has(name)) fs.rmSync(path.join(dir, name), { force: true });
    const each = missing.length
      ? ` (${((layoutMs + rasterMs) / missing.length).toFixed(1)} ms each: layout ${(layoutMs / missing.length).toFixed(1)}, raster ${(rasterMs / missing.length).toFixed(1)})`
      : '';
    context.log(
      `${wanted.length} cards: ${missing.length} drawn${each}, ${wanted.length - missing.length} from the cache`,
    );
    return { problems };
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
