/**
 * The contract with authors: where articles live and what their frontmatter may say.
 * Error messages are written for the person editing the Markdown file.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articlesDir } from './lib/content-files.ts';
import { slugFromPath, slugProblem } from './lib/slugs.ts';
import { loadTaxonomy } from './lib/taxonomy.ts';
import { makeArticleSchema } from './lib/article-schema.ts';
import { ArticleSourceError, checkArticleFolder } from './lib/article-source.ts';

const taxonomy = loadTaxonomy();
const categoryIds = [...taxonomy.categories.keys()];

/** Two files with one slug would silently overwrite each other; remember who came first. */
const slugOwners = new Map<string, string>();

export const articleSchema = makeArticleSchema(categoryIds);

const articleFiles = glob({
  pattern: '**/[^_.]*.{md,mdx}',
  base: articlesDir,
  generateId({ entry }) {
    const slug = slugFromPath(entry);
    const problem = slugProblem(slug);
    if (problem) throw new Error(`articles/${entry}: ${problem}`);
    const owner = slugOwners.get(slug);
    if (owner && owner !== entry) {
      throw new Error(
        `duplicate slug "${slug}": articles/${owner} and articles/${entry} would both be published at /articles/${slug}/; rename one of the files`,
      );
    }
    slugOwners.set(slug, entry);
    return slug;
  },
});

const articles = defineCollection({
  // Every file is checked as written first, so each problem is reported with its line,
  // all of them at once, before Astro's parser sees (and silently accepts) some of them.
  loader: {
    ...articleFiles,
    name: 'kb-articles',
    load: async (context) => {
      const { errors, warnings } = checkArticleFolder(articlesDir, articleSchema);
      // scripts/build.mjs has checked (and warned) already; `astro dev` has not.
      if (process.env.KB_SOURCES_CHECKED !== '1') for (const warning of warnings) console.warn(`[kb] warning: ${warning}`);
      if (errors.length > 0) throw new ArticleSourceError(errors);
      return articleFiles.load(context);
    },
  },
  schema: articleSchema,
});

export const collections = { articles };
