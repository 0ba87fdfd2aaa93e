// Wires Astro to the site config and the Markdown pipeline; the logic lives in src/.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { cacheDir, site } from './src/config.ts';
import { remarkPlugins, rehypePlugins, remarkRehype, shikiConfig } from './src/markdown/pipeline.ts';
import katexAssets from './src/integrations/katex-assets.ts';
import strictBuild from './src/integrations/strict-build.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  outDir: process.env.KB_OUT_DIR ?? 'dist',
  cacheDir,
  // scripts/build.mjs gives each content folder its own cache, so fixture builds never share one.
  cacheDir: process.env.KB_CACHE_DIR ?? './node_modules/.astro',
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    processor: unified({ remarkPlugins, rehypePlugins, remarkRehype, smartypants: false }),
    shikiConfig,
  },
  integrations: [strictBuild(), mdx(), sitemap(), katexAssets()],
  // Every script is an external file: the Content-Security-Policy allows no inline code.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
