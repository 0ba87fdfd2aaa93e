/**
 * Which articles link to which, with the sentence around each link, from the Markdown
 * sources: `[text](/articles/slug/…)` and `[[slug]]`, `[[slug#heading]]`, `[[slug|text]]`.
 * Computed once per build for the whole site.
 */
import { excerptFromMarkdown, type ExcerptPart } from './excerpt.ts';

export interface Backlink {
  from: string;
  context: ExcerptPart[];
}

const LINK = /\]\(\/articles\/([a-z0-9-]+)\/?(?:#[^)]*)?\)|\[\[([a-z0-9-]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g;
const SENTENCE_END = /[。！？!?]|\.(\s|$)|\n\s*\n|\n(?=\s*(?:[-*+]\s|\d+\.\s|#))/g;

/** The outgoing article links of a Markdown body, in order, without duplicates. */
export function outgoingLinks(markdown: string): string[] {
  const body = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  return [...new Set([...body.matchAll(LINK)].map((match) => match[1] ?? match[2]!))];
}

/** The sentence of `markdown` that contains `offset`. */
export function sentenceAround(markdown: string, offset: number): string {
  let start = 0;
  let end = markdown.length;
  for (const match of markdown.matchAll(SENTENCE_END)) {
    const stop = match.index + match[0].trimEnd().length;
    if (stop <= offset) start = stop;
    else {
      end = stop;
      break;
    }
  }
  return markdown.slice(start, end).replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').trim();
}

export function buildBacklinks(sources: { slug: string; body: string }[], contextLength = 120): Map<string, Backlink[]> {
  const backlinks = new Map<string, Backlink[]>();
  for (const { slug, body } of sources) {
    const text = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, (block) => ' '.repeat(block.length));
    const seen = new Set<string>();
    for (const match of text.matchAll(LINK)) {
      const target = match[1] ?? match[2]!;
      if (target === slug || seen.has(target)) continue;
      seen.add(target);
      const sentence = sentenceAround(text, match.index);
      const list = backlinks.get(target) ?? [];
      list.push({ from: slug, context: excerptFromMarkdown(sentence.replace(/\[\[([a-z0-9-]+)(?:#[^\]|]*)?\|([^\]]*)\]\]/g, '$2').replace(/\[\[([a-z0-9-]+)[^\]]*\]\]/g, '$1'), contextLength) });
      backlinks.set(target, list);
    }
  }
  return backlinks;
}
