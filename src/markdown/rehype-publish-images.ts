/**
 * The images an article shows, however it wrote them (`![](…)` or `<img src>`): every one
 * is checked and every missing one reported at its line. A relative image (next to the
 * article, or anywhere in the content folder) is copied, content-addressed, into the asset
 * store and linked from there; a `/…` image must be in public/ and gets the base path.
 * Remote images are kept (their origins go into the Content-Security-Policy, and the build
 * lists them once), or refused with KB_REMOTE_IMAGES=error.
 * src/integrations/article-assets.ts ships the store.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { RemotePolicy } from '../settings.ts';
import { withBase } from '../lib/url.ts';
import { isLocalReference, publishFile, resolveReference, shown, type LocalFileOptions } from './local-files.ts';
import { report } from './report.ts';

export { ASSET_URL_PATH } from './local-files.ts';

export interface PublishImageOptions extends LocalFileOptions {
  remoteImages: RemotePolicy;
}

declare module 'vfile' {
  interface DataMap {
    /** Origins of the remote images the article shows. */
    remoteImages: string[];
  }
}

export default function rehypePublishImages(options: PublishImageOptions) {
  return (tree: Root, file: VFile) => {
    const remote = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img' || typeof node.properties.src !== 'string') return;
      const src = node.properties.src;
      if (/^https?:\/\//i.test(src)) {
        const origin = new URL(src).origin;
        if (options.remoteImages === 'error') {
          report(file, node, {
            rule: 'image/remote',
            message: `image "${src}" is loaded from another site (${origin})`,
            fix: 'save the image next to the article and link it by a relative path (KB_REMOTE_IMAGES=error asks for a self-contained site)',
          });
        }
        remote.add(origin);
        return;
      }
      if (!isLocalReference(src) || !file.path) return;
      const target = resolveReference(file, src, options);
      if (target.kind === 'file') {
        node.properties.src = src.startsWith('/') ? withBase(options.base, src) : publishFile(target.path, options);
        node.properties.loading ??= 'lazy';
        node.properties.decoding ??= 'async';
        return;
      }
      const where = src.startsWith('/')
        ? 'paths starting with / from public/'
        : "relative paths start from the article's folder";
      report(file, node, {
        rule: target.kind === 'outside' ? 'image/outside-content' : 'image/missing',
        message:
          target.kind === 'outside'
            ? `image "${src}" leads out of the content folder (to ${shown(target.path)})`
            : `image "${src}" does not exist (looked for ${shown(target.path)})`,
        fix: `check the file name, or put the image there. ${where[0]!.toUpperCase()}${where.slice(1)}`,
      });
    });
    file.data.remoteImages = [...remote].sort();
  };
}
