/**
 * Excerpts as text and formulas. The Markdown pipeline collects an article's prose as parts
 * (src/markdown/article-facts.ts); listings, backlinks, previews and the TOC show them with
 * the formulas rendered (src/components/Excerpt.astro), and never cut a formula in half.
 */
export type ExcerptPart = { type: 'text'; value: string } | { type: 'math'; value: string };

/** How much of the visible budget a formula uses: its TeX length, but at most 12. */
const mathCost = (tex: string) => Math.min(12, tex.length);

/** Adjacent text parts joined, white space collapsed to one space and trimmed at both ends. */
export function normaliseParts(parts: ExcerptPart[]): ExcerptPart[] {
  const out: ExcerptPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.type === 'text' && last?.type === 'text') last.value += part.value;
    else out.push({ ...part });
  }
  for (const part of out) if (part.type === 'text') part.value = part.value.replace(/\s+/g, ' ');
  const [first, last] = [out[0], out.at(-1)];
  if (first?.type === 'text') first.value = first.value.trimStart();
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return out.filter((part) => part.value !== '');
}

/** Up to `limit` visible characters (CJK characters count as one), ending in … when cut. */
export function truncateParts(parts: ExcerptPart[], limit: number): ExcerptPart[] {
  const out: ExcerptPart[] = [];
  let budget = limit;
  for (const part of parts) {
    if (budget <= 0) break;
    if (part.type === 'math') {
      out.push(part);
      budget -= mathCost(part.value);
      continue;
    }
    const chars = [...part.value];
    if (chars.length > budget) {
      out.push({ type: 'text', value: `${chars.slice(0, budget).join('').trimEnd()}…` });
      budget = 0;
    } else {
      out.push(part);
      budget -= chars.length;
    }
  }
  const cut = out.length < parts.length || budget < 0;
  if (cut && out.at(-1)?.type === 'math') out.push({ type: 'text', value: '…' });
  return out;
}

/** The excerpt as plain text (formulas as their TeX), for meta descriptions and previews. */
export function excerptText(parts: ExcerptPart[]): string {
  return parts
    .map((part) => part.value)
    .join('')
    .trim();
}

/** Text with `$…$` formulas (a heading as the outline keeps it) as parts. */
export function partsFromDollarText(text: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  text.split(/(\$[^$]+\$)/).forEach((piece, index) => {
    if (!piece) return;
    parts.push(index % 2 === 1 ? { type: 'math', value: piece.slice(1, -1) } : { type: 'text', value: piece });
  });
  return parts;
}
