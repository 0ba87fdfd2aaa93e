/**
 * Publishes the images an article uses. A relative image (`./figures/loss.png`, next to the
 * article) is copied, content-addressed, into the asset store and linked from there; a
 * `/…` image (from public/) gets the base path. remark-local-images has already checked
 * that every local image exists. src/integrations/article-assets.ts ships the store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../lib/url.ts';
import { recordLookup } from './lookups.ts';

export interface PublishImageOptions {
  base: string;
  /** Where published images are stored until the build copies them to `<base>_kb/assets/`. */
  assetDir: string;
}

export const ASSET_URL_PATH = '/_kb/assets/';

export default function rehypePublishImages(options: PublishImageOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img' || typeof node.properties.src !== 'string') return;
      const src = node.properties.src;
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(src)) return;
      if (src.startsWith('/')) {
        node.properties.src = withBase(options.base, src);
        return;
      }
      if (!file.path) return;
      const source = path.resolve(path.dirname(file.path), decodeURI(src.split(/[?#]/)[0] ?? ''));
      recordLookup(file, 'files', source);
      if (!fs.existsSync(source)) return;
      const bytes = fs.readFileSync(source);
      const name = `${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12)}-${path.basename(source).replace(/[^\w.-]+/g, '-')}`;
      const target = path.join(options.assetDir, name);
      if (!fs.existsSync(target)) {
        fs.mkdirSync(options.assetDir, { recursive: true });
        fs.writeFileSync(target, bytes);
      }
      node.properties.src = withBase(options.base, `${ASSET_URL_PATH}${name}`);
      node.properties.loading ??= 'lazy';
      node.properties.decoding ??= 'async';
    });
  };
}
