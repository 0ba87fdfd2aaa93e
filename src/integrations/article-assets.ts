/**
 * Ships the images articles use (published into the asset store by
 * src/markdown/rehype-publish-images.ts) at `<base>_kb/assets/`, in builds and in dev.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { articleAssetDir } from '../config.ts';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.avif': 'image/avif' };

export default function articleAssets(): AstroIntegration {
  let base = '/';
  return {
    name: 'kb-article-assets',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0] ?? '';
          const prefix = `${base}_kb/assets/`;
          if (!url.startsWith(prefix)) return next();
          const file = path.join(articleAssetDir, path.basename(url.slice(prefix.length)));
          if (!fs.existsSync(file)) return next();
          res.setHeader('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
          res.end(fs.readFileSync(file));
        });
      },
      'astro:build:done': ({ dir }) => {
        if (!fs.existsSync(articleAssetDir)) return;
        const out = path.join(fileURLToPath(dir), '_kb', 'assets');
        fs.mkdirSync(out, { recursive: true });
        for (const name of fs.readdirSync(articleAssetDir)) fs.copyFileSync(path.join(articleAssetDir, name), path.join(out, name));
      },
    },
  };
}
