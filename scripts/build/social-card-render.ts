/**
 * Draws one social card: satori lays out the element tree of src/lib/social-card.ts into
 * SVG (text as paths) and resvg rasterizes it to PNG. The font is Noto Sans SC from its
 * npm package (never a system font or the network), in the subsets the package's own CSS
 * defines: a card loads those its characters need (by their unicode-range), as a browser
 * would, so rare characters are drawn too and common ones cost little. Each subset is
 * a family of its own in a font-family list: satori takes one font per family, and falls
 * back along the list character by character.
 *
 * resvg is told not to load system fonts: it would scan them for every card, and the
 * SVG has no text left to draw. Its PNG encoder is the slow half of a card (it compresses
 * hard); the pixels are written as PNG here with zlib's fastest level instead, about four
 * times faster for files a fifth larger (~40 KB).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import {
  CARD_FONT_FAMILY,
  CARD_HEIGHT,
  CARD_WIDTH,
  cardElement,
  type CardInput,
  type Palette,
} from '../../src/lib/social-card.ts';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
const WEIGHTS = [400, 700] as const;

interface Subset {
  /** The subset's name in the file names: `latin`, `chinese-simplified`, `57`. */
  name: string;
  ranges: [number, number][];
}

/** The subsets of the package's CSS for one weight, with their unicode ranges. */
function subsets(weight: number): Subset[] {
  const css = fs.readFileSync(path.join(fontDir, `${weight}.css`), 'utf8');
  const found: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const name = /files\/noto-sans-sc-([a-z0-9-]+?)-\d00-normal\.woff2?\)/.exec(block)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!name || !ranges) continue;
    found.push({
      name,
      ranges: ranges.split(',').map((range) => {
        const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
      }),
    });
  }
  return found;
}

type Font = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };
const fontData = new Map<string, Buffer>();
const family = (subset: string) => `${CARD_FONT_FAMILY} ${subset}`;
function font(subset: string, weight: 400 | 700): Font {
  const file = path.join(fontDir, 'files', `noto-sans-sc-${subset}-${weight}-normal.woff`);
  let data = fontData.get(file);
  if (!data) fontData.set(file, (data = fs.readFileSync(file)));
  // satori parses each font once, keyed by its data: the same Buffer is reused.
  return { name: family(subset), data, weight, style: 'normal' };
}

let catalog: Subset[] | undefined;
const covers = (subset: Subset, code: number) => subset.ranges.some(([from, to]) => code >= from && code <= to);
// Which subset draws a character, remembered: the scan over ~100 subsets' ranges was a tenth of a card's layout time.
const subsetOfCode = new Map<number, Subset | null>();
/** The subsets, Latin first (a browser takes the first whose range has the character). */
const fontCatalog = (): Subset[] =>
  (catalog ??= subsets(700).sort((a, b) => Number(b.name === 'latin') - Number(a.name === 'latin')));
function subsetOf(code: number): Subset | undefined {
  let subset = subsetOfCode.get(code);
  if (subset === undefined)
    subsetOfCode.set(code, (subset = fontCatalog().find((candidate) => covers(candidate, code)) ?? null));
  return subset ?? undefined;
}

/**
 * The fonts a card's text needs, as a browser would pick them from the package's CSS: for
 * each character the first subset whose unicode-range has it (Latin first).
 */
export function fontsFor(text: string): { fonts: Font[]; fontFamily: string } {
  const chosen = new Set<Subset>();
  for (const char of new Set(text)) {
    const subset = subsetOf(char.codePointAt(0)!);
    if (subset) chosen.add(subset);
  }
  const names = fontCatalog()
    .filter((subset) => chosen.has(subset))
    .map((subset) => subset.name);
  return {
    fonts: WEIGHTS.flatMap((weight) => names.map((name) => font(name, weight))),
    fontFamily: names.map(family).join(', '),
  };
}

/** Characters of `text` that no subset of the font has: they would be drawn as boxes. */
export function charactersWithoutGlyphs(text: string): string[] {
  return [...new Set(text)].filter((char) => /\S/.test(char) && !subsetOf(char.codePointAt(0)!));
}

export interface RenderedCard {
  png: Buffer;
  /** Milliseconds in satori (layout, text to paths) and in resvg (raster, PNG). */
  layoutMs: number;
  rasterMs: number;
}

/** The card as SVG; `embedFont: false` keeps the text as <text> (for tests to read it). */
export async function cardSvg(input: CardInput, palette: Palette, embedFont = true): Promise<string> {
  const { fonts, fontFamily } = fontsFor(cardText(input));
  return satori(cardElement(input, palette, fontFamily) as never, {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts,
    embedFont,
  });
}

export const cardText = (input: CardInput): string => `${input.title}${input.category}${input.siteName}${input.date}`;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))));
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels as a PNG: 8-bit RGBA, no filter, deflated at zlib's fastest level. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4;
  // Not zero-filled: every byte is written, each row's filter byte (0, none) and its pixels.
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function renderCard(input: CardInput, palette: Palette): Promise<RenderedCard> {
  const started = performance.now();
  const svg = await cardSvg(input, palette);
  const laidOut = performance.now();
  const image = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  const png = encodePng(image.pixels, image.width, image.height);
  return { png, layoutMs: laidOut - started, rasterMs: performance.now() - laidOut };
}
