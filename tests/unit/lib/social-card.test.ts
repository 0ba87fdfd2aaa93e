import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import {
  cardSvg,
  cardText,
  charactersWithoutGlyphs,
  encodePng,
  fontsFor,
  renderCard,
} from '../../../scripts/build/social-card-render.ts';
import { articleCard, cardStyle } from '../../../src/data/social-cards.ts';
import { cardKey, readPalette, type CardInput } from '../../../src/lib/social-card.ts';
import { loadTaxonomy } from '../../../src/lib/taxonomy.ts';
import { takeInventory } from '../../../src/sources/inventory.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const { palette } = cardStyle();
const zh: CardInput = {
  title: 'RoPE：用绝对位置实现相对位置',
  category: 'Transformer 基础',
  date: '2025-02-27',
  siteName: 'ML 知识库',
  lang: 'zh',
};
const en: CardInput = {
  ...zh,
  title: 'Poisson processes: thinning and superposition',
  category: 'Probability',
  lang: 'en',
};
/** The text of an SVG whose fonts were not embedded (satori then writes <text> elements). */
const textOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).join('');
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('social cards', () => {
  it("take the site's light colours from its stylesheet", () => {
    const css = fs.readFileSync(path.join(repo, 'src/styles/global.css'), 'utf8');
    expect(readPalette(css)).toEqual(palette);
    expect(palette.accent).toBe(/--accent:\s*light-dark\((#[0-9a-f]+)/i.exec(css)![1]);
    expect(() => readPalette(':root { --bg: #fff; }')).toThrow(/--bg \(a light-dark\(\) colour\) is missing/);
  });

  for (const input of [zh, en]) {
    it(`show the title, the category, the date and the site name (${input.lang})`, async () => {
      const text = squeeze(textOf(await cardSvg(input, palette, false)));
      for (const part of [input.title, input.category, input.date, input.siteName])
        expect(text).toContain(squeeze(part));
    });
  }

  it('are 1200×630 PNG files holding exactly the pixels resvg drew', async () => {
    const { png } = await renderCard(zh, palette);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    // Decode the file again (resvg reads PNG images) and compare with a fresh raster.
    const drawn = new Resvg(await cardSvg(zh, palette), { font: { loadSystemFonts: false } }).render();
    const decoded = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><image href="data:image/png;base64,${png.toString('base64')}" width="1200" height="630"/></svg>`,
      { font: { loadSystemFonts: false } },
    ).render();
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(drawn.pixels))).toBe(true);
    expect(encodePng(drawn.pixels, drawn.width, drawn.height).equals(png)).toBe(true);
  });

  it("load the font's subsets each text needs, from the npm package", () => {
    const { fonts, fontFamily } = fontsFor('Latin only');
    expect(fontFamily).toBe('Noto Sans SC latin');
    expect(fonts.map((font) => font.weight)).toEqual([400, 700]);
    expect(fontsFor('组合总和').fontFamily.split(', ').length).toBeGreaterThan(1);
  });

  it('can draw every character of every bundled title and category', () => {
    const taxonomy = loadTaxonomy(path.join(repo, 'content'));
    for (const article of takeInventory(path.join(repo, 'content')).articles) {
      const { input } = articleCard(article.data, taxonomy);
      expect(charactersWithoutGlyphs(cardText(input)), article.relativePath).toEqual([]);
    }
    expect(charactersWithoutGlyphs('μP 齉')).toEqual(['μ', '齉']);
  });

  it('are named by what they show and how they are drawn', () => {
    const key = cardKey(zh, palette, 'v1');
    expect(cardKey({ ...zh }, { ...palette }, 'v1')).toBe(key);
    expect(cardKey({ ...zh, title: 'RoPE' }, palette, 'v1')).not.toBe(key);
    expect(cardKey(zh, { ...palette, accent: '#000000' }, 'v1')).not.toBe(key);
    expect(cardKey(zh, palette, 'v2')).not.toBe(key);
  });
});
