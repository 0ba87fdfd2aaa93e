/**
 * Files the site ships that are not pages or bundled modules (KaTeX's stylesheet and
 * fonts, the images articles publish): served under `<base><prefix>` by `astro dev`, and
 * written into the output by `astro build`. One integration per kind of file, one way of
 * serving them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export interface StaticAssets {
  name: string;
  /** Below the base path, with a trailing slash: `katex/`. */
  prefix: string;
  /** The file served for a path below the prefix, or undefined for none. */
  lookup(relative: string): Buffer | string | undefined;
  /** Every file, by path below the prefix, for the build. */
  all(): Iterable<[relative: string, content: Buffer | string]>;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

export function staticAssets(assets: StaticAssets): AstroIntegration {
  let base = '/';
  return {
    name: assets.name,
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0] ?? '';
          const prefix = `${base}${assets.prefix}`;
          const content = url.startsWith(prefix)
            ? assets.lookup(decodeURIComponent(url.slice(prefix.length)))
            : undefined;
          if (content === undefined) return next();
          res.setHeader('Content-Type', TYPES[path.extname(url).toLowerCase()] ?? 'application/octet-stream');
          res.end(content);
        });
      },
      'astro:build:done': ({ dir }) => {
        const out = path.join(fileURLToPath(dir), assets.prefix);
        for (const [relative, content] of assets.all()) {
          fs.mkdirSync(path.dirname(path.join(out, relative)), { recursive: true });
          fs.writeFileSync(path.join(out, relative), content);
        }
      },
    },
  };
}
