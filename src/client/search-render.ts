/**
 * DOM for search results, shared by the header box and the /search/ page. Nothing from
 * the index goes through innerHTML: Pagefind's excerpts are escaped text with <mark>
 * tags, rebuilt here as text nodes and <mark> elements.
 */
import { element } from './dom.ts';
import { decodeEntities, type SearchHit } from './search-engine.ts';

/** UI strings, rendered by Astro into a data attribute (see SiteHeader / the search page). */
export type SearchStrings = Record<string, string>;

export function readStrings(element: Element | null): SearchStrings {
  try {
    return JSON.parse(element?.getAttribute('data-search-strings') ?? '{}') as SearchStrings;
  } catch {
    return {};
  }
}

/** A string with `{name}` placeholders filled in. */
export function format(template: string | undefined, values: Record<string, string | number>): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** Pagefind's excerpt as nodes: text, and <mark> elements for the matched words. */
export function excerptNodes(excerpt: string): Node[] {
  const nodes: Node[] = [];
  const parts = excerpt.split(/(<mark>[\s\S]*?<\/mark>)/g);
  for (const part of parts) {
    if (!part) continue;
    const marked = /^<mark>([\s\S]*?)<\/mark>$/.exec(part);
    // Any other tag Pagefind might leave is dropped, never interpreted.
    const text = decodeEntities((marked ? (marked[1] ?? '') : part).replace(/<[^>]*>/g, ''));
    if (marked) {
      const mark = document.createElement('mark');
      mark.textContent = text;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(text));
    }
  }
  return nodes;
}

/**
 * Title, date · category · tags, and the excerpt. The title is a link, except inside the
 * header's listbox, where an option may not contain interactive content (the option itself
 * is chosen and opened by search-header.ts).
 */
export function renderHit(hit: SearchHit, options: { titleLink?: boolean } = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let title: HTMLElement;
  if (options.titleLink === false) {
    title = element('span', 'search-hit-title', hit.title);
  } else {
    const link = element('a', 'search-hit-title', hit.title);
    link.href = hit.url;
    title = link;
  }
  const subtitle = hit.meta['subtitle'];
  const meta = element('p', 'search-hit-meta');
  if (hit.date) {
    const time = element('time', '', hit.date);
    time.dateTime = hit.date;
    meta.append(time);
  }
  for (const category of hit.category) meta.append(element('span', 'search-hit-category', category));
  for (const tag of hit.tags) meta.append(element('span', 'search-hit-tag', `#${tag}`));
  const excerpt = element('p', 'search-hit-excerpt');
  excerpt.append(...excerptNodes(hit.excerpt));
  fragment.append(title, ...(subtitle ? [element('span', 'search-hit-subtitle', subtitle)] : []), meta, excerpt);
  return fragment;
}
