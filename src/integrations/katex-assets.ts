/**
 * Self-hosted KaTeX stylesheet and fonts at `<base>katex/`. Only woff2 fonts are shipped
 * (every browser we support reads them), and the stylesheet is linked only by pages that
 * contain math; the browser then fetches just the font files a page's formulas use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const require = createRequire(import.meta.url);
const katexDist = path.dirname(require.resolve('katex/dist/katex.min.css'));

/** KaTeX's CSS lists woff2, woff and ttf for each face; keep woff2 only. */
export function woff2OnlyCss(css: string): string {
  return css.replace(/src:([^;}]*)/g, (_, sources: string) => {
    const woff2 = sources.split(',').filter((source) => source.includes('.woff2'));
    return `src:${woff2.join(',')}`;
  });
}

function files(): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  out.set('katex.min.css', woff2OnlyCss(fs.readFileSync(path.join(katexDist, 'katex.min.css'), 'utf8')));
  for (const font of fs.readdirSync(path.join(katexDist, 'fonts'))) {
    if (font.endsWith('.woff2')) out.set(`fonts/${font}`, fs.readFileSync(path.join(katexDist, 'fonts', font)));
  }
  return out;
}

export default function katexAssets(): AstroIntegration {
  let base = '/';
  return {
    name: 'kb-katex-assets',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        const assets = files();
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0] ?? '';
          const prefix = `${base}katex/`;
          const asset = url.startsWith(prefix) ? assets.get(url.slice(prefix.length)) : undefined;
          if (!asset) return next();
          res.setHeader('Content-Type', url.endsWith('.css') ? 'text/css' : 'font/woff2');
          res.end(asset);
        });
      },
      'astro:build:done': ({ dir }) => {
        const out = path.join(fileURLToPath(dir), 'katex');
        for (const [name, content] of files()) {
          fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
          fs.writeFileSync(path.join(out, name), content);
        }
      },
    },
  };
}
