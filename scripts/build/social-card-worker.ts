/**
 * Draws the social cards the cache lacks, in a worker thread of the build process
 * (scripts/build/social-cards.ts starts it): the build's own thread stays free for the
 * stages that run beside it (HTML validation), and the cards use whatever CPU Astro and
 * Pagefind leave. Each card is written to the cache under its content-addressed name;
 * what comes back is the problems and the time spent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
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
  }
  return { problems, layoutMs, rasterMs };
}

if (parentPort) parentPort.postMessage(await drawCards(workerData as CardJob));
