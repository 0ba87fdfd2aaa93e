/**
 * The headings an article's table of contents lists: h2 and h3. The footnotes section has a
 * heading of its own; it is not part of the article's outline. One rule for the TOC and
 * for whether the page offers a 目录 button at all.
 */
import type { OutlineHeading } from '../markdown/rehype-heading-anchors.ts';

export const tocHeadings = (headings: OutlineHeading[]): OutlineHeading[] =>
  headings.filter((heading) => (heading.depth === 2 || heading.depth === 3) && heading.slug !== 'footnote-label');
