/**
 * Article slugs come from file names: `content/articles/ssm/hippo.md` → `hippo`. Folders
 * group files for authors but never appear in URLs, so moving a file keeps its URL.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ARTICLE_PATTERN = /\.(md|mdx)$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugFromPath(filePath: string): string {
  return path.basename(filePath).replace(ARTICLE_PATTERN, '').toLowerCase();
}

/** Why a slug is unusable, or undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  if (SLUG.test(slug)) return undefined;
  return `the file name "${slug}" does not make a URL slug; rename the file to lowercase ASCII words joined by hyphens, e.g. "rope-extension.md"`;
}

/** Every article file below `articlesDir`, relative paths, sorted for stable output. */
export function listArticleFiles(articlesDir: string): string[] {
  if (!fs.existsSync(articlesDir)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (ARTICLE_PATTERN.test(entry.name)) found.push(path.relative(articlesDir, full));
    }
  };
  walk(articlesDir);
  return found.sort();
}

/** Slug → relative file path; fails when two files map to the same slug. */
export function indexSlugs(files: string[]): Map<string, string> {
  const bySlug = new Map<string, string>();
  for (const file of files) {
    const slug = slugFromPath(file);
    const other = bySlug.get(slug);
    if (other) {
      throw new Error(
        `duplicate slug "${slug}": articles/${other} and articles/${file} would both be published at /articles/${slug}/; rename one of the files`,
      );
    }
    bySlug.set(slug, file);
  }
  return bySlug;
}
