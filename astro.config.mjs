// Wires Astro to the site config and the Markdown pipeline; the logic lives in src/.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { site } from './src/config.ts';
import { remarkPlugins, rehypePlugins, shikiConfig } from './src/markdown/pipeline.ts';
import katexAssets from './src/integrations/katex-assets.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  outDir: process.env.KB_OUT_DIR ?? 'dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    processor: unified({ remarkPlugins, rehypePlugins, smartypants: false }),
    shikiConfig,
  },
  integrations: [mdx(), sitemap(), katexAssets()],
  devToolbar: { enabled: false },
});
