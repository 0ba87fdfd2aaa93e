/**
 * Each article's Markdown copy, at /articles/<slug>/index.md (src/lib/machine-copies.ts
 * says what it holds), written into the staged site straight from the article inventory.
 * As Astro routes the 1,000 copies of a 1,000-article site cost 1.4–1.8 s of Astro's
 * single-threaded page loop for a few string operations each; here they take a fraction
 * of a second beside the search index. `astro dev` still serves them from the route
 * (src/pages/articles/[slug]/index.md.ts), with the same function.
 */
import fs from 'node:fs';
import path from 'node:path';
import { markdownCopy } from '../../src/lib/machine-copies.ts';
import { absoluteHref } from '../../src/lib/url.ts';
import { isPublished } from '../../src/sources/inventory.ts';
import type { BuildContext, Stage } from './stage.ts';

export const markdownCopiesStage: Stage = {
  name: 'Markdown copies',
  async run(context: BuildContext) {
    for (const article of context.inventory?.articles ?? []) {
      if (!isPublished(article) || article.data.noindex) continue;
      const file = path.join(context.stagingDir, 'articles', article.slug, 'index.md');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        markdownCopy({
          title: article.data.title,
          date: article.data.date,
          tags: article.data.tags,
          url: absoluteHref(article.url),
          body: article.body,
        }),
      );
    }
    return { problems: [] };
  },
};
