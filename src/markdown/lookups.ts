/**
 * What a render looked up outside its own file. A plugin whose output depends on another
 * article (does it exist, what is its title), on an article's frontmatter title (the body
 * never holds it) or on another file (an image's content) records it here; the render cache (article-renderer.ts) stores what was found and renders
 * the article again when that no longer holds.
 */
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    lookedUp: Record<LookupKind, Set<string>>;
  }
}

/**
 * Articles by slug, titles by article file, notes by the name a [[wikilink]] gives, files
 * by path, and other articles whose numbered labels (equations, theorems, figures) were used.
 */
export type LookupKind = 'articles' | 'titles' | 'notes' | 'files' | 'labels';

export function recordLookup(file: VFile, kind: LookupKind, key: string): void {
  file.data.lookedUp ??= {
    articles: new Set(),
    titles: new Set(),
    notes: new Set(),
    files: new Set(),
    labels: new Set(),
  };
  file.data.lookedUp[kind].add(key);
}
