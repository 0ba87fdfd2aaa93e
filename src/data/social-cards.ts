/**
 * What every social card is drawn with, worked out once per process: the palette (the
 * light theme of src/styles/global.css) and a hash of the drawing code, the fonts and the
 * libraries. The build stage that renders the cards (scripts/build/social-cards.ts) and
 * the pages that link them both name a card by `cardKey` over these, so they agree
 * without talking to each other.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { site } from '../config.ts';
import { cardInputOf, cardKey, CARD_URL_PATH, readPalette, type CardInput, type Palette } from '../lib/social-card.ts';
import { termName, termOf, type Taxonomy } from '../lib/taxonomy.ts';
import { settings, type UiLang } from '../settings.ts';

const require = createRequire(import.meta.url);

/** The code that draws a card: changing it changes every card's name. */
const DRAWING_CODE = ['src/lib/social-card.ts', 'scripts/build/social-card-render.ts'];
const LIBRARIES = ['satori', '@resvg/resvg-js', '@fontsource/noto-sans-sc'];

export interface CardStyle {
  palette: Palette;
  renderer: string;
}

let style: CardStyle | undefined;

export function cardStyle(): CardStyle {
  if (style) return style;
  const hash = crypto.createHash('sha256');
  for (const file of DRAWING_CODE) hash.update(fs.readFileSync(path.join(settings.root, file)));
  for (const name of LIBRARIES)
    hash.update(
      `${name}@${(JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version}`,
    );
  const palette = readPalette(fs.readFileSync(path.join(settings.root, 'src/styles/global.css'), 'utf8'));
  style = { palette, renderer: hash.digest('hex') };
  return style;
}

/** The card of an article: what it shows and the file name it is published under. */
export function articleCard(
  article: { title: string; date: Date; lang: 'zh' | 'en'; category?: string | undefined },
  taxonomy: Taxonomy,
  uiLang: UiLang = settings.uiLang,
): { input: CardInput; file: string } {
  const category = termOf(taxonomy.categories, article.category ?? site.defaultCategory);
  const input = cardInputOf(article, termName(category, uiLang), site.title);
  const { palette, renderer } = cardStyle();
  return { input, file: `${cardKey(input, palette, renderer)}.png` };
}

/** The card's path below the site (base path not included). */
export const cardPath = (file: string): string => `${CARD_URL_PATH}${file}`;
