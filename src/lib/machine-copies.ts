/**
 * The copies of the site written for language models and other programs: `/llms.txt` (the
 * site's title and description, then one line per article, grouped by category) and each
 * article's Markdown source with its frontmatter reduced to what a reader of the copy
 * needs. Pure: the routes (src/pages/llms.txt.ts, src/pages/articles/[slug]/index.md.ts)
 * hand in the articles. Articles with `noindex: true` are left out by the routes.
 */
import YAML from 'yaml';

export interface LlmsArticle {
  title: string;
  /** Absolute URL of the page. */
  url: string;
  description: string;
  /** The category's name, and its position in the taxonomy (listed in that order). */
  category: string;
  categoryOrder: number;
}

/** One line of Markdown: newlines and the brackets of the link syntax would break it. */
const inline = (text: string) => text.replace(/\s+/g, ' ').trim();
const linkText = (text: string) => inline(text).replace(/([[\]\\])/g, '\\$1');

/** `/llms.txt` in the llms.txt format: an H1, a blockquote, then a list of links per H2. */
export function llmsTxt(options: { title: string; description: string; articles: LlmsArticle[] }): string {
  const groups = Map.groupBy(
    [...options.articles].sort((a, b) => a.categoryOrder - b.categoryOrder),
    (article) => article.category,
  );
  const lines = [`# ${inline(options.title)}`, '', `> ${inline(options.description)}`];
  for (const [category, articles] of groups) {
    lines.push('', `## ${inline(category)}`, '');
    for (const article of articles)
      lines.push(
        `- [${linkText(article.title)}](${encodeURI(decodeURI(article.url))}): ${inline(article.description)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** An article's Markdown as written, under a frontmatter of its title, date, tags and URL. */
export function markdownCopy(options: {
  title: string;
  date: Date;
  tags: string[];
  url: string;
  body: string;
}): string {
  const frontmatter = YAML.stringify(
    { title: options.title, date: options.date.toISOString().slice(0, 10), tags: options.tags, url: options.url },
    { lineWidth: 0 },
  );
  return `---\n${frontmatter}---\n\n${options.body.replace(/^\n+/, '')}`;
}
