/**
 * An article whose first heading is its title (a note without frontmatter takes its title
 * from it; many blogs repeat the frontmatter title as `# Title`) would show the title twice:
 * once in the page header, once in the body. That first heading is dropped from the body.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { recordLookup } from './lookups.ts';

export interface TitleHeadingOptions {
  /** The title of the article in a file, as the page header shows it. */
  titleOf: (filePath: string) => string | undefined;
}

const normal = (text: string) =>
  text
    .replace(/\s*\{[#.][^}]*\}\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

export default function remarkTitleHeading(options: TitleHeadingOptions) {
  return (tree: Root, file: VFile) => {
    if (!file.path) return;
    recordLookup(file, 'titles', file.path);
    const title = options.titleOf(file.path);
    if (!title) return;
    const index = tree.children.findIndex((node) => node.type !== 'html' && node.type !== 'yaml');
    const first = tree.children[index];
    if (first?.type === 'heading' && (first as Heading).depth === 1 && normal(toString(first)) === normal(title)) {
      tree.children.splice(index, 1);
    }
  };
}
