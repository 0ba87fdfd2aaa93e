/**
 * Listing excerpts derived from an article's Markdown when it has no description. Inline
 * math is kept as a unit (rendered by the Excerpt component) and never cut in half;
 * code, display math, headings, images and markup are dropped.
 */
export type ExcerptPart = { type: 'text'; value: string } | { type: 'math'; value: string };

// Pandoc's rule, as in src/markdown/remark-dollar-math.ts: "$5 or $10" is two prices, not a formula.
const INLINE_MATH = /(?<![\\$])\$(?![\s$])([^$\n]*?[^\s$\\])\$(?!\d)|\\\(([\s\S]+?)\\\)/g;

function firstParagraphs(markdown: string): string {
  const withoutBlocks = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '\n\n')
    .replace(/^\$\$[\s\S]*?\$\$\s*$/gm, '\n\n')
    .replace(/^\\\[[\s\S]*?\\\]\s*$/gm, '\n\n')
    .replace(/^import\s.*$|^export\s.*$/gm, '')
    .replace(/(?<!\\)<[^>]+>/g, ''); // markup goes; an escaped \< is text and stays
  return withoutBlocks
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block && !/^(#|\||>|!\[|\[\^|- |\* |\d+\. )/.test(block))
    .join(' ');
}

function plain(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\\(eqref|ref)\{[^}]*\}/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1') // CommonMark: any ASCII punctuation can be escaped
    .replace(/\s+/g, ' ');
}

/** Up to `limit` visible characters (a formula counts by its TeX length, capped at 12). */
export function excerptFromMarkdown(markdown: string, limit: number): ExcerptPart[] {
  const source = firstParagraphs(markdown);
  const parts: ExcerptPart[] = [];
  let budget = limit;
  let last = 0;
  const pushText = (raw: string) => {
    if (budget <= 0) return;
    const text = plain(raw);
    const chars = [...text];
    if (chars.length > budget) {
      parts.push({ type: 'text', value: `${chars.slice(0, budget).join('').trimEnd()}…` });
      budget = 0;
    } else {
      parts.push({ type: 'text', value: text });
      budget -= chars.length;
    }
  };
  for (const match of source.matchAll(INLINE_MATH)) {
    pushText(source.slice(last, match.index));
    if (budget <= 0) return parts;
    const tex = (match[1] ?? match[2] ?? '').trim();
    parts.push({ type: 'math', value: tex });
    budget -= Math.min(12, tex.length);
    last = match.index + match[0].length;
  }
  pushText(source.slice(last));
  if (budget <= 0 && parts.at(-1)?.type === 'math') parts.push({ type: 'text', value: '…' });
  return parts;
}

export function excerptText(parts: ExcerptPart[]): string {
  return parts.map((part) => (part.type === 'text' ? part.value : part.value)).join('').trim();
}
