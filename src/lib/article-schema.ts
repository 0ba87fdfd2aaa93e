/**
 * The shape of an article's frontmatter after it has been read and normalised
 * (src/sources/frontmatter.ts checks what authors write, field by field, with their lines).
 * The content collection declares it, so `CollectionEntry<'articles'>['data']` and every
 * page that reads an article get their types from here.
 */
import { z } from 'astro/zod';

export const articleDataSchema = z.object({
  title: z.string().min(1),
  /** A second line under the title, shown on the page and with search results. */
  subtitle: z.string().optional(),
  date: z.date(),
  updated: z.date().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()),
  category: z.string().optional(),
  series: z.string().optional(),
  seriesOrder: z.number().int().positive().optional(),
  lang: z.enum(['zh', 'en']),
  draft: z.boolean(),
  papers: z.array(z.string()),
  /** Other names of the article (Obsidian's aliases), which [[wikilinks]] may use. */
  aliases: z.array(z.string()),
  /** Old URL paths of the article (aliases, redirect_from, permalink): each gets a redirect page. */
  redirects: z.array(z.string()),
  /** Tags and the category as the author wrote them ("Auto ML"), by id ("auto-ml"): display names. */
  termNames: z.record(z.string(), z.string()),
  /** Kept out of the copies for machines (/llms.txt, the Markdown copy) and of the sitemap. */
  noindex: z.boolean().optional(),
  /** Articles that share a key are versions of each other in other languages. */
  translationKey: z.string().optional(),
  /** The same, written from one article: language → slug of its version in that language. */
  translations: z.object({ zh: z.string().optional(), en: z.string().optional() }).optional(),
  /** An article's own BibTeX file, relative to it, added to the shared references.bib. */
  bibliography: z.string().optional(),
});

export type ArticleData = z.infer<typeof articleDataSchema>;
