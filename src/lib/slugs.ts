/**
 * Article slugs come from file names: `content/articles/ssm/hippo.md` → `hippo`. Folders
 * group files for authors but never appear in URLs, so moving a file keeps its URL.
 */
import path from 'node:path';

export const ARTICLE_PATTERN = /\.(md|mdx)$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugFromPath(filePath: string): string {
  return path.basename(filePath).replace(ARTICLE_PATTERN, '').toLowerCase();
}

/** Why a slug is unusable, or undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  if (SLUG.test(slug)) return undefined;
  return `the file name "${slug}" does not make a URL slug`;
}
