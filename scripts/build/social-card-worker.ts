/**
 * Draws the social cards the cache lacks, in a process of its own that
 * scripts/build/social-cards.ts starts at the lowest CPU priority: the cards take only
 * the CPU the other stages leave (Astro and Pagefind leave part of a core idle), so they
 * no longer slow the stages the site waits for. Each card is written to the cache under
 * its content-addressed name; what goes back is the problems and the time spent.
 *
 * resvg frees a rendered image (about 6 MB of Rust memory) only in a finalizer that Node
 * runs once the event loop turns: without the pause after each card, 1,000 cards held
 * 6 GB.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../src/lib/problems.ts';
import type { CardInput, Palette } from '../../src/lib/social-card.ts';
import { cardText, charactersWithoutGlyphs, renderCard } from './social-card-render.ts';

export interface CardJob {
  /** The cache folder the cards are written to. */
  dir: string;
  palette: Palette;
  cards: { article: string; input: CardInput; name: string }[];
}

export interface CardJobResult {
  problems: Problem[];
  layoutMs: number;
  rasterMs: number;
}

async function drawCards({ dir, palette, cards }: CardJob): Promise<CardJobResult> {
  const problems: Problem[] = [];
  let layoutMs = 0;
  let rasterMs = 0;
  for (const card of cards) {
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
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { problems, layoutMs, rasterMs };
}

process.once('message', async (job: CardJob) => {
  const result = await drawCards(job);
  process.send!(result, () => process.exit(0));
});
