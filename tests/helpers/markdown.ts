/** Renders Markdown through the site's real pipeline (the same plugin lists Astro uses). */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { remarkPlugins, rehypePlugins, remarkRehype, shikiConfig } from '../../src/markdown/pipeline.ts';

let processor: ReturnType<typeof createMarkdownProcessor> | undefined;

export async function renderMarkdown(markdown: string, path = '/work/content/articles/test.md'): Promise<string> {
  processor ??= createMarkdownProcessor({
    remarkPlugins: remarkPlugins as never,
    rehypePlugins: rehypePlugins as never,
    remarkRehype,
    shikiConfig: shikiConfig as never,
    smartypants: false,
  });
  const result = await (await processor).render(markdown, { fileURL: new URL(`file://${path}`) });
  return result.code;
}
