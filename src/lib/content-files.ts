/**
 * The content folder as files, read once per process: the slug index is needed while
 * articles render (to check links), before Astro's collection is complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { contentDir } from '../config.ts';
import { indexSlugs, listArticleFiles } from './slugs.ts';

export const articlesDir = path.join(contentDir, 'articles');

// Re-read at most every two seconds so `astro dev` notices new files without a rescan per page.
const FRESH_MS = 2000;
let cached: { at: number; files: Map<string, string> } | undefined;

export function articleFiles(): Map<string, string> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    cached = { at: Date.now(), files: indexSlugs(listArticleFiles(articlesDir)) };
  }
  return cached.files;
}

export function articleSlugs(): Set<string> {
  return new Set(articleFiles().keys());
}

const titles = new Map<string, string | undefined>();

/** An article's title read straight from its frontmatter (for `[[slug]]` link text). */
export function articleTitle(slug: string): string | undefined {
  if (titles.has(slug)) return titles.get(slug);
  const file = articleFiles().get(slug);
  let title: string | undefined;
  if (file) {
    const head = fs.readFileSync(path.join(articlesDir, file), 'utf8').slice(0, 4000);
    const line = /^title:(.*)$/m.exec(head)?.[1];
    try {
      const parsed: unknown = line ? YAML.parse(line) : undefined;
      title = typeof parsed === 'string' ? parsed : undefined;
    } catch {
      title = undefined; // the schema reports bad frontmatter; the link falls back to the slug
    }
  }
  titles.set(slug, title);
  return title;
}
