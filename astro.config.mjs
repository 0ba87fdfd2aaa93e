// Wires Astro to the site config and the Markdown pipeline; the logic lives in src/.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { cacheDir, site } from './src/config.ts';
import { shikiConfig } from './src/markdown/pipeline.ts';
import { markdownProcessor } from './src/markdown/article-renderer.ts';
import katexAssets from './src/integrations/katex-assets.ts';
import strictBuild from './src/integrations/strict-build.ts';
import articleAssets from './src/integrations/article-assets.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  outDir: process.env.KB_OUT_DIR ?? 'dist',
  // One cache per content folder (scripts/build.mjs passes KB_CACHE_DIR), so fixture builds never share one.
  cacheDir,
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    // Markdown articles render through src/markdown/article-renderer.ts (cached per article);
    // MDX goes through Astro's usual path with the same plugins.
    processor: markdownProcessor(),
    shikiConfig,
  },
  integrations: [strictBuild(), mdx(), sitemap(), katexAssets(), articleAssets()],
  // Every script is an external file: the Content-Security-Policy allows no inline code.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
