/**
 * What a render looked up outside its own file. A plugin whose output depends on another
 * article (does it exist, what is its title) or on another file (an image's content)
 * records it here; the render cache (article-renderer.ts) stores what was found and renders
 * the article again when that no longer holds.
 */
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    lookedUp: { articles: Set<string>; files: Set<string> };
  }
}

export function recordLookup(file: VFile, kind: 'articles' | 'files', key: string): void {
  file.data.lookedUp ??= { articles: new Set(), files: new Set() };
  file.data.lookedUp[kind].add(key);
}
