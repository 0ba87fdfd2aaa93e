/**
 * DOM for search results, shared by the header box and the /search/ page. Nothing from
 * the index goes through innerHTML: excerpts arrive as segments (src/client/search-excerpt.ts)
 * and become text nodes, <mark>, <s> and <code> elements.
 */
import { element } from './dom.ts';
import type { SearchHit, SearchResponse } from './search-engine.ts';
import type { Segment } from './search-excerpt.ts';

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

/** The status line for a response: how many articles, how many have every word, which words none has. */
export function statusText(response: SearchResponse, query: string, strings: SearchStrings): string {
  const count =
    response.total === 0
      ? format(strings.noResults, { q: query })
      : response.totalAll < response.total
        ? format(strings.countPartial, { n: response.total, all: response.totalAll })
        : format(strings.count, { n: response.total });
  const unknown =
    response.unknown.length > 0 ? ` ${format(strings.unknown, { words: response.unknown.join('、') })}` : '';
  return `${count}${unknown}`;
}

/** An excerpt's segments as nodes: text, <mark> for matched words, <code> for a formula's TeX. */
export function segmentNodes(segments: Segment[]): Node[] {
  return segments.map((segment) => {
    switch (segment.kind) {
      case 'text':
        return document.createTextNode(segment.text);
      case 'mark':
        return element('mark', '', segment.text);
      case 'gap':
        return document.createTextNode('…');
      case 'tex': {
        // TeX in a code style that reads as a formula; outlined when the query matched it.
        const code = element('code', segment.marked ? 'search-tex search-tex-matched' : 'search-tex', segment.tex);
        code.translate = false;
        return code;
      }
    }
  });
}

/** "Missing: ~~word~~ ~~word~~" for a result that lacks some of the query's words. */
export function missingNode(hit: SearchHit, strings: SearchStrings): HTMLElement | undefined {
  if (hit.missing.length === 0) return undefined;
  const line = element('p', 'search-hit-missing', `${strings.missing ?? ''} `);
  hit.missing.forEach((word, index) => {
    if (index > 0) line.append(' ');
    line.append(element('s', '', word));
  });
  return line;
}

/**
 * Title, subtitle, date · category · tags, the excerpt, the words the page lacks and, on
 * the search page, links to the sections that match. The title is a link, except inside
 * the header's listbox, where an option may not contain interactive content (the option
 * itself is chosen and opened by search-header.ts, and sections are options of their own).
 */
export function renderHit(
  hit: SearchHit,
  options: { titleLink?: boolean; strings?: SearchStrings } = {},
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const strings = options.strings ?? {};
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
  excerpt.append(...segmentNodes(hit.excerpt));
  fragment.append(title, ...(subtitle ? [element('span', 'search-hit-subtitle', subtitle)] : []), meta, excerpt);
  const missing = missingNode(hit, strings);
  if (missing) fragment.append(missing);
  if (options.titleLink !== false && hit.sections.length > 0) {
    const list = element('ul', 'search-hit-sections');
    list.setAttribute('aria-label', strings.sections ?? '');
    for (const section of hit.sections) {
      const link = element('a', 'search-hit-section');
      link.href = section.url;
      link.append(...segmentNodes(section.title));
      const item = element('li', '');
      item.append(link);
      list.append(item);
    }
    fragment.append(list);
  }
  return fragment;
}
