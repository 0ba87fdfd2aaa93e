/**
 * Ships the files articles publish (copied, content-addressed, into the asset store by
 * src/markdown/rehype-publish-images.ts) at `<base>_kb/assets/`, in builds and in dev.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { ASSET_URL_PATH } from '../markdown/rehype-publish-images.ts';
import { settings } from '../settings.ts';
import { staticAssets } from './static-assets.ts';

const store = settings.assetStoreDir;

export default function articleAssets(): AstroIntegration {
  return staticAssets({
    name: 'kb-article-assets',
    prefix: ASSET_URL_PATH.slice(1),
    lookup(name) {
      const file = path.join(store, path.basename(name));
      return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    },
    *all() {
      if (!fs.existsSync(store)) return;
      for (const name of fs.readdirSync(store).sort())
        yield [name, fs.readFileSync(path.join(store, name))] as [string, Buffer];
    },
  });
}
