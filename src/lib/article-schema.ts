/**
 * The frontmatter contract, separate from Astro so it can be unit-tested. Messages are for
 * the author editing the file: what is wrong, and what a valid value looks like.
 */
import { z } from 'astro/zod';

const dateField = (field: string) =>
  z.coerce.date({
    error: `"${field}" must be a date such as 2025-06-12 (YYYY-MM-DD)`,
  });

/** Tag ids appear in URLs: lowercase letters (any script), digits, single hyphens. */
const TERM_ID = /^[\p{Ll}\p{Lo}0-9]+(?:-[\p{Ll}\p{Lo}0-9]+)*$/u;

export function makeArticleSchema(categoryIds: string[]) {
  return z
    .object({
      title: z
        .string({ error: '"title" is required: add a line such as  title: "RoPE：用绝对位置实现相对位置"' })
        .trim()
        .min(1, '"title" must not be empty'),
      date: dateField('date'),
      updated: dateField('updated').optional(),
      description: z.string({ error: '"description" must be text' }).trim().optional(),
      tags: z
        .array(
          z.string().trim().min(1).regex(TERM_ID, {
            error: (issue) => `tag "${String(issue.input)}" cannot be part of a URL (/tags/<tag>/): use lowercase words joined by hyphens, e.g. kv-cache, and give it a display name under tags: in the taxonomy file`,
          }),
          { error: '"tags" must be a list, e.g.  tags: [rope, attention]' },
        )
        .min(1, '"tags" needs at least one tag, e.g.  tags: [attention]'),
      category: z
        .string()
        .refine((id) => categoryIds.includes(id), {
          error: (issue) =>
            `unknown category "${String(issue.input)}"; use one of: ${categoryIds.join(', ')} (or add it to the taxonomy file)`,
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
}
