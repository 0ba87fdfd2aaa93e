/** Label boxes of a drawn graph, as the browser lays them out, and the pairs that overlap. */
import type { Locator } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** The browser's own boxes of every drawn label of a graph (hidden hover labels excluded). */
export async function labelBoxes(svg: Locator): Promise<Box[]> {
  return svg.evaluate((element) =>
    [...element.querySelectorAll<SVGTextElement>('text.graph-label:not(.graph-label-hidden)')].map((text) => {
      const box = text.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height, text: text.textContent ?? '' };
    }),
  );
}

/** Every pair of boxes that overlap, by more than half a pixel (anti-aliased glyph edges). */
export function boxesOverlap(boxes: Box[]): string[] {
  const found: string[] = [];
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) {
      const b = sorted[j]!;
      if (
        a.x + 0.5 < b.x + b.width &&
        b.x + 0.5 < a.x + a.width &&
        a.y + 0.5 < b.y + b.height &&
        b.y + 0.5 < a.y + a.height
      )
        found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}
