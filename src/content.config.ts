/**
 * The contract with authors: where articles live and what their frontmatter may say.
 * Error messages are written for the person editing the Markdown file.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { articlesDir } from './lib/content-files.ts';
import { slugFromPath, slugProblem } from './lib/slugs.ts';
import { loadTaxonomy } from './lib/taxonomy.ts';

const taxonomy = loadTaxonomy();
const categoryIds = [...taxonomy.categories.keys()];

/** Two files with one slug would silently overwrite each other; remember who came first. */
const slugOwners = new Map<string, string>();

const dateField = (field: string) =>
  z.coerce.date({
    error: `"${field}" must be a date such as 2025-06-12 (YYYY-MM-DD)`,
  });

export const articleSchema = z
  .object({
    title: z
      .string({ error: '"title" is required: add a line such as  title: "RoPE：用绝对位置实现相对位置"' })
      .trim()
      .min(1, '"title" must not be empty'),
    date: dateField('date'),
    updated: dateField('updated').optional(),
    description: z.string({ error: '"description" must be text' }).trim().optional(),
    tags: z
      .array(z.string().trim().min(1), {
        error: '"tags" must be a list, e.g.  tags: [rope, attention]',
      })
      .min(1, '"tags" needs at least one tag, e.g.  tags: [attention]'),
    category: z
      .string()
      .refine((id) => categoryIds.includes(id), {
        error: (issue) => `unknown category "${String(issue.input)}"; use one of: ${categoryIds.join(', ')} (or add it to the taxonomy file)`,
      })
      .optional(),
    series: z.string().trim().min(1).optional(),
    seriesOrder: z.number({ error: '"seriesOrder" must be a number such as 2' }).int().positive().optional(),
    lang: z.enum(['zh', 'en'], { error: '"lang" must be zh or en' }).default('zh'),
    draft: z.boolean({ error: '"draft" must be true or false' }).default(false),
    papers: z
      .array(z.string().trim().min(1), { error: '"papers" must be a list such as ["arXiv:2104.09864"]' })
      .default([]),
  })
  .refine((data) => data.seriesOrder === undefined || data.series !== undefined, {
    error: '"seriesOrder" is set but "series" is not; add  series: <series-id>',
    path: ['seriesOrder'],
  });

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
