// Wires Astro to the site config and the Markdown pipeline; the logic lives in src/.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { settings } from './src/settings.ts';
import { astroMarkdownProcessor, shikiConfig, unhighlightedLanguages } from './src/markdown/pipeline.ts';
import katexAssets from './src/integrations/katex-assets.ts';
import contentProblems from './src/integrations/content-problems.ts';
import articleAssets from './src/integrations/article-assets.ts';
import securityHeaders from './src/integrations/security-headers.ts';
import devReload from './src/integrations/dev-reload.ts';
import { noindexUrls } from './src/sources/inventory.ts';

export default defineConfig({
  site: settings.siteUrl,
  base: settings.base,
  trailingSlash: 'always',
  outDir: settings.outDir,
  // One cache per content folder, so fixture builds never share one.
  cacheDir: settings.cacheDir,
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: {
    // Markdown articles render through src/markdown/article-renderer.ts (cached per article);
    // MDX goes through Astro's usual path with the same plugins.
    processor: astroMarkdownProcessor(),
    shikiConfig,
    syntaxHighlight: { type: 'shiki', excludeLangs: unhighlightedLanguages },
  },
  integrations: [
    contentProblems(),
    mdx(),
    // Articles that ask not to be indexed are left out of the sitemap too.
    sitemap({ filter: (page) => !noindexUrls().has(new URL(page).pathname) }),
    katexAssets(),
    articleAssets(),
    securityHeaders(),
    devReload(),
  ],
  // Every script is an external file: the Content-Security-Policy allows no inline code.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // Pages whose getStaticPaths() gives a cacheKey (src/data/page-keys.ts) are copied from the
  // last build while their key and code hold. It needs build.concurrency 1 (the default).
  experimental: { incrementalBuild: settings.incremental },
});
