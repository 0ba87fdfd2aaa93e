// The bare baseline of `npm run bench`: a minimal Astro 7 site with remark-math,
// rehype-katex and Shiki and one page route — the "minimal Astro 7" of issue #6.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

export default defineConfig({
  outDir: process.env.KB_OUT_DIR ?? 'dist',
  cacheDir: process.env.KB_CACHE_DIR ?? './node_modules/.astro',
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
});
