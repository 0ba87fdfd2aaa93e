/** Renders Markdown through the site's real article pipeline (src/markdown/article-renderer.ts). */
import { VFile } from 'vfile';
import { createArticleProcessor } from '../../src/markdown/article-renderer.ts';

const processor = createArticleProcessor();

export async function renderMarkdown(markdown: string, path = '/work/content/articles/test.md'): Promise<string> {
  const file = new VFile({ value: markdown, path, data: { astro: { frontmatter: {} } } });
  return String(await processor.process(file));
}
