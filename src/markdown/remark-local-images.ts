/**
 * Images in article bodies must exist. Astro fails on a missing local image much later,
 * while bundling, without naming the article; this names the file and the line, for every
 * missing image of the article.
 * Relative paths are resolved against the article file; `/…` paths against public/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { recordLookup } from './lookups.ts';
import { report } from './report.ts';

export interface LocalImageOptions {
  /** The folder whose files are served at the site root (Astro's public/). */
  publicDir: string;
}

export default function remarkLocalImages(options: LocalImageOptions) {
  return (tree: Root, file: VFile) => {
    const articlePath = file.path;
    if (!articlePath) return;
    visit(tree, 'image', (node: Image) => {
      const url = node.url;
      if (!url || /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(url)) return;
      const filePart = decodeURI(url.split(/[?#]/)[0] ?? '');
      const target = filePart.startsWith('/')
        ? path.join(options.publicDir, filePart)
        : path.resolve(path.dirname(articlePath), filePart);
      recordLookup(file, 'files', target);
      if (fs.existsSync(target) && fs.statSync(target).isFile()) return;
      const shown = path.relative(process.cwd(), target) || target;
      report(file, node, {
        rule: 'image/missing',
        message: `image "${url}" does not exist (looked for ${shown})`,
        fix: "check the file name, or put the image there. Relative paths start from the article's folder, paths starting with / from public/",
      });
    });
  };
}
