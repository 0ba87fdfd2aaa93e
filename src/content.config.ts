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

const taxonomy = loadTaxonomy();
const categoryIds = [...taxonomy.categories.keys()];

/** Two files with one slug would silently overwrite each other; remember who came first. */
const slugOwners = new Map<string, string>();

export const articleSchema = makeArticleSchema(categoryIds);

const articles = defineCollection({
  loader: glob({
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
  }),
  schema: articleSchema,
});

export const collections = { articles };
