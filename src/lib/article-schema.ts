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
  /** An article's own BibTeX file, relative to it, added to the shared references.bib. */
  bibliography: z.string().optional(),
});

export type ArticleData = z.infer<typeof articleDataSchema>;
