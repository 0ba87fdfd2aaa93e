/**
 * What a render looked up outside its own file. A plugin whose output depends on another
 * article (does it exist, what is its title) or on another file (an image's content)
 * records it here; the render cache (article-renderer.ts) stores what was found and renders
 * the article again when that no longer holds.
 */
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** `labels`: other articles whose numbered labels (equations, theorems, figures) were used. */
    lookedUp: { articles: Set<string>; files: Set<string>; labels: Set<string> };
  }
}

export function recordLookup(file: VFile, kind: 'articles' | 'files' | 'labels', key: string): void {
  file.data.lookedUp ??= { articles: new Set(), files: new Set(), labels: new Set() };
  file.data.lookedUp[kind].add(key);
}
