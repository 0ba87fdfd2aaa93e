/**
 * The other sites the published articles load images and embeds from, site-wide: the
 * Content-Security-Policy allows exactly these (in the pages' meta policy and in the
 * built `_headers`), and the build lists them once.
 */
import { articleFacts } from '../markdown/article-renderer.ts';
import { inventory } from './inventory.ts';

export interface RemoteOrigins {
  images: string[];
  frames: string[];
  /** How many articles use each origin. */
  uses: Map<string, number>;
}

// Once per inventory: every page asks, and the answer changes only with the articles.
const cache = new WeakMap<object, Promise<RemoteOrigins>>();

export function remoteOrigins(): Promise<RemoteOrigins> {
  const taken = inventory();
  let pending = cache.get(taken);
  if (!pending) cache.set(taken, (pending = collect()));
  return pending;
}

async function collect(): Promise<RemoteOrigins> {
  const images = new Set<string>();
  const frames = new Set<string>();
  const uses = new Map<string, number>();
  for (const article of inventory().bySlug.values()) {
    if (article.data.draft) continue;
    const { remote } = (await articleFacts(article.file)).facts;
    for (const origin of remote.images) images.add(origin);
    for (const origin of remote.frames) frames.add(origin);
    for (const origin of new Set([...remote.images, ...remote.frames])) uses.set(origin, (uses.get(origin) ?? 0) + 1);
  }
  return { images: [...images].sort(), frames: [...frames].sort(), uses };
}
