/**
 * Self-hosted KaTeX stylesheet and fonts at `<base>katex/`. Only woff2 fonts are shipped,
 * with `font-display: swap` (src/lib/katex-fonts.ts says why), and the stylesheet is linked
 * only by pages that contain math; the browser then fetches just the font files a page's
 * formulas use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AstroIntegration } from 'astro';
import { katexStylesheet } from '../lib/katex-fonts.ts';
import { staticAssets } from './static-assets.ts';

const require = createRequire(import.meta.url);
const katexDist = path.dirname(require.resolve('katex/dist/katex.min.css'));

let files: Map<string, Buffer | string> | undefined;

function katexFiles(): Map<string, Buffer | string> {
  if (files) return files;
  files = new Map<string, Buffer | string>();
  files.set('katex.min.css', katexStylesheet(fs.readFileSync(path.join(katexDist, 'katex.min.css'), 'utf8')));
  for (const font of fs.readdirSync(path.join(katexDist, 'fonts'))) {
    if (font.endsWith('.woff2')) files.set(`fonts/${font}`, fs.readFileSync(path.join(katexDist, 'fonts', font)));
  }
  return files;
}

export default function katexAssets(): AstroIntegration {
  return staticAssets({
    name: 'kb-katex-assets',
    prefix: 'katex/',
    lookup: (name) => katexFiles().get(name),
    all: () => katexFiles(),
  });
}
