/**
 * The articles collection: the article inventory (src/sources/inventory.ts), handed to
 * Astro. Entries hold the normalised frontmatter only: Markdown articles are rendered by
 * src/markdown/article-renderer.ts, MDX articles are compiled by Astro from their files.
 * A file that cannot be published (or an MDX file that would not compile) is left out, so
 * one broken article never stops the build from reporting every other problem.
 */
import path from 'node:path';
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { articleDataSchema } from './lib/article-schema.ts';
import { formatProblem } from './lib/problems.ts';
import { articleFacts, FATAL_MDX_RULES } from './markdown/article-renderer.ts';
import { settings } from './settings.ts';
import { freshInventory, inventory } from './sources/inventory.ts';

const articlesLoader: Loader = {
  name: 'kb-articles',
  load: async ({ store, parseData, generateDigest, watcher }) => {
    const sync = async (taken = inventory()) => {
      // `npm run build` has reported these already; `astro dev` has not.
      if (!settings.sourcesChecked)
        for (const problem of taken.problems) console.warn(`[kb] ${problem.severity}: ${formatProblem(problem)}`);
      const kept = new Set<string>();
      for (const article of taken.bySlug.values()) {
        if (article.format === 'mdx') {
          const { problems } = await articleFacts(article.file);
          if (problems.some((problem) => FATAL_MDX_RULES.has(problem.rule))) continue;
        }
        kept.add(article.slug);
        // Astro wants paths relative to the project, with forward slashes.
        const filePath = path.relative(settings.root, article.file).split(path.sep).join('/');
        // The store holds the frontmatter, so its digest covers that alone: a body edit leaves
        // the store as it is, and the page (rendered from the file) is reloaded by
        // src/integrations/dev-reload.ts without waiting for Astro to write the store.
        const digest = generateDigest(`${filePath}\0${JSON.stringify(article.data)}`);
        if (store.get(article.slug)?.digest === digest) {
          if (article.format === 'mdx') store.addModuleImport(filePath);
          continue;
        }
        const data = await parseData({ id: article.slug, data: { ...article.data }, filePath: article.file });
        store.set({
          id: article.slug,
          data,
          filePath,
          digest,
          // MDX entries are modules Astro compiles; `render(entry)` imports them.
          ...(article.format === 'mdx' ? { deferredRender: true } : {}),
        });
      }
      for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
    };
    await sync();
    if (!watcher) return;
    watcher.add(inventory().articlesDir);
    const onChange = (changed: string) => {
      if (changed.startsWith(inventory().articlesDir)) void sync(freshInventory());
    };
    watcher.on('change', onChange);
    watcher.on('add', onChange);
    watcher.on('unlink', onChange);
  },
};

export const collections = { articles: defineCollection({ loader: articlesLoader, schema: articleDataSchema }) };
