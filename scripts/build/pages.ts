/**
 * The built pages of a site, in a stable order: the site checks, HTML validation, the
 * security-header check and the search indexer all walk the same list.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Folders of generated assets, never pages. */
const SKIPPED_DIRS = new Set(['pagefind', '_astro', 'katex', '_kb']);

export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...htmlFiles(full));
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

/** The URL path a built page is served at (`articles/rope/index.html` → `/kb/articles/rope/`). */
export function pageUrl(siteDir: string, file: string, base: string): string {
  const rel = path.relative(siteDir, file).split(path.sep).join('/');
  return base + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
}
