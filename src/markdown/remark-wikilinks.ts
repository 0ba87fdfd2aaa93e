/**
 * Wiki links the way Obsidian writes them, and the short form for this site:
 * `[[rope]]`, `[[凸优化]]`, `[[Convex Set|凸集]]`, `[[Doob Inequality#Proof]]`,
 * `[[note#^block-id]]`, and embeds `![[figure.png]]`, `![[figure.png|300]]`.
 * A link names a note by slug, file name or path (any case, spaces allowed), title or
 * alias; it becomes an ordinary link to `/articles/<slug>/`, so rehype-links adds the base
 * path and the post-build check verifies the anchor. Without a label it shows the target's
 * title. A link to a note that does not exist (Obsidian's "write it later") is published
 * as its text, with a warning, never as a link that goes nowhere. An image embed becomes
 * an image (found by name anywhere in the articles folder); a note embed becomes a link.
 */
import path from 'node:path';
import type { Image, Link, PhrasingContent, Root, Text } from 'mdast';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { recordLookup } from './lookups.ts';
import { report } from './report.ts';

const WIKILINK = /(!?)\[\[([^\]|#\n]+)?(#[^\]|\n]*)?(?:\|([^\]\n]*))?\]\]/g;
const IMAGE = /\.(png|jpe?g|gif|svg|webp|avif|bmp)$/i;

export interface WikilinkOptions {
  /** The article a name refers to (slug and title), if any. */
  resolve: (name: string, fromFile: string | undefined) => { slug: string; title: string } | undefined;
  /** The file an embed names, if any. */
  attachment: (name: string, fromFile: string | undefined) => string | undefined;
}

/** The anchor a link names: a heading (slugged as headings are) or a block id (`^id`). */
function anchorOf(hash: string): string {
  const target = hash.slice(1).trim();
  if (!target) return '';
  return `#${target.startsWith('^') ? target.slice(1) : new GithubSlugger().slug(target)}`;
}

export default function remarkWikilinks(options: WikilinkOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(WIKILINK)) {
        const [whole, bang, rawName = '', hash = '', label] = match as unknown as [
          string,
          string,
          string | undefined,
          string | undefined,
          string | undefined,
        ];
        const name = rawName.trim();
        if (!name && !hash.slice(1).trim()) continue;
        if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
        last = match.index + whole.length;

        if (bang && IMAGE.test(name)) {
          const found = options.attachment(name, file.path);
          const image: Image = {
            type: 'image',
            url:
              found && file.path
                ? encodeURI(path.relative(path.dirname(file.path), found).split(path.sep).join('/'))
                : name,
            alt: label && !/^\d+(x\d+)?$/.test(label) ? label : path.basename(name, path.extname(name)),
            position: node.position,
          };
          const width = /^(\d+)(?:x(\d+))?$/.exec(label ?? '');
          if (width) image.data = { hProperties: { width: width[1], ...(width[2] ? { height: width[2] } : {}) } };
          pieces.push(image);
          continue;
        }

        if (name) recordLookup(file, 'notes', name);
        const target = name ? options.resolve(name, file.path) : undefined;
        const text = label?.trim() || (name ? (target?.title ?? name) : hash.slice(1));
        if (!name) {
          // [[#heading]]: a link within this article.
          pieces.push({
            type: 'link',
            url: anchorOf(hash),
            children: [{ type: 'text', value: text }],
            position: node.position,
          });
          continue;
        }
        if (!target) {
          report(file, node, {
            severity: 'warning',
            rule: 'link/missing-note',
            message: `[[${name}]] names no article; it is shown as text, not as a link`,
            fix: 'write the note, correct the name, or remove the brackets',
          });
          pieces.push({ type: 'text', value: text });
          continue;
        }
        if (bang) {
          report(file, node, {
            severity: 'warning',
            rule: 'link/note-embed',
            message: `![[${name}]] embeds a whole note, which the site shows as a link to it`,
            fix: 'link to the note with [[…]], or copy the part you need',
          });
        }
        const link: Link = {
          type: 'link',
          url: `/articles/${target.slug}/${anchorOf(hash)}`,
          children: [{ type: 'text', value: text }],
          position: node.position,
        };
        pieces.push(link);
      }
      if (pieces.length === 0) return undefined;
      if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...pieces);
      return index + pieces.length;
    });
  };
}
