/**
 * The stages that look at the staged site: the search index, HTML validation (the two run
 * side by side: Pagefind in its own process, html-validate in this one), the security
 * headers and the link/title checks. Problems on article pages are reported at the
 * article's source lines, from the facts the Markdown pipeline recorded.
 */
import path from 'node:path';
import { articleFacts } from '../../src/markdown/article-renderer.ts';
import { remoteOrigins } from '../../src/sources/remote-origins.ts';
import { validateHtml } from './html-validation.ts';
import { buildSearchIndex } from './search-index.ts';
import { checkSecurityHeaders, writeCommentsHeaders } from './security-headers.ts';
import { checkSite, type PageSource } from './site-checks.ts';
import type { BuildContext, Stage } from './stage.ts';

export const searchIndexStage: Stage = {
  name: 'search index (Pagefind)',
  async run(context: BuildContext) {
    if (!context.settings.search) {
      context.log('skipped (KB_SEARCH=0)');
      return { problems: [] };
    }
    try {
      const summary = await buildSearchIndex(context.stagingDir);
      context.log(`indexed ${summary.pages} pages`);
      return { problems: [] };
    } catch (error) {
      return {
        problems: [
          {
            file: '',
            page: 'pagefind',
            severity: 'error',
            rule: 'build/search-index',
            message: `Pagefind failed: ${(error as Error).message}`,
            fix: 'build with KB_SEARCH=0 to publish without search, and report the error',
          },
        ],
      };
    }
  },
};

export const htmlValidationStage: Stage = {
  name: 'validating HTML',
  async run(context: BuildContext) {
    const { settings } = context;
    const result = await validateHtml(context.stagingDir, {
      configFile: path.join(settings.root, '.htmlvalidate.json'),
      // One per content folder (in its cache folder): a build of other content would
      // otherwise replace the list of pages seen, and the next build here would take
      // every page for new and validate a fresh sample instead of what changed.
      cacheFile: path.join(settings.cacheDir, 'kb-html-valid.json'),
      limit: settings.validateLimit,
      base: settings.base,
    });
    if (result.skipped) context.log(`warning: HTML not validated: ${result.skipped}`);
    if (result.note) context.log(result.note);
    return { problems: result.problems };
  },
};

export const securityHeadersStage: Stage = {
  name: 'security headers',
  async run(context: BuildContext) {
    writeCommentsHeaders(context.stagingDir, context.settings);
    return { problems: checkSecurityHeaders(context.stagingDir) };
  },
};

export const siteChecksStage: Stage = {
  name: 'checking links, anchors, titles and descriptions',
  async run(context: BuildContext) {
    const sources = new Map<string, PageSource>();
    for (const article of context.inventory?.bySlug.values() ?? []) {
      sources.set(article.url, { file: article.file, links: (await articleFacts(article.file)).facts.siteLinks });
    }
    const { images, frames } = await remoteOrigins();
    const allowed = { images: new Set(images), frames: new Set(frames) };
    const { problems, pageCount } = checkSite(context.stagingDir, context.settings.base, sources, allowed);
    context.log(`${pageCount} pages checked`);
    return { problems };
  },
};
