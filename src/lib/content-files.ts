/**
 * The content folder as files, read once per process: the slug index is needed while
 * articles render (to check links), before Astro's collection is complete.
 */
import path from 'node:path';
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
