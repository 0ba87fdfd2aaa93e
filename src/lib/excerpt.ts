/**
 * Excerpts as text and formulas. The Markdown pipeline collects an article's prose as parts
 * (src/markdown/article-facts.ts); listings, backlinks, previews and the TOC show them with
 * the formulas rendered (src/components/Excerpt.astro), and never cut a formula in half.
 */
import * as unicodeit from 'unicodeit';
import { mathMacros } from '../config.ts';

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

/** Commands whose argument is simply its text: `\operatorname{softmax}` → softmax. */
const TEXT_COMMANDS = /\\(?:operatorname\*?|mathrm|text|textrm|textit|mathit|mathsf|mathbf|boldsymbol|bm)\{([^{}]*)\}/g;
/** A group without nested braces, or one character. */
const SIMPLE = String.raw`\{([^{}]*)\}`;

/** The TeX a reader of plain text would still read: our macros expanded, names unwrapped, simple fractions and roots spelled out. */
function plainTex(tex: string): string {
  let text = tex.trim();
  for (const [name, expansion] of Object.entries(mathMacros))
    if (!expansion.includes('#'))
      text = text.replace(new RegExp(`\\\\${name.slice(1)}(?![A-Za-z])`, 'g'), () => expansion);
  const wrap = (part: string) => (/^[\p{L}\p{N}]$/u.test(part) || /^\\[A-Za-z]+$/.test(part) ? part : `(${part})`);
  return text
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])/g, '')
    .replace(TEXT_COMMANDS, '$1')
    .replace(
      new RegExp(String.raw`\\[dt]?frac${SIMPLE}${SIMPLE}`, 'g'),
      (_all, a: string, b: string) => `${wrap(a)}/${wrap(b)}`,
    )
    .replace(new RegExp(String.raw`\\sqrt${SIMPLE}`, 'g'), (_all, a: string) => `√${wrap(a)}`);
}

/** Whether Unicode has a superscript (`^`) or subscript (`_`) form of every character. */
const scriptable = (mark: '^' | '_', text: string) =>
  [...text].every((char) => char === ' ' || unicodeit.replace(`${mark}${char}`) !== `${mark}${char}`);

/**
 * A formula as plain text where Unicode can say it (`\alpha^2` → α², `x_{t+1}` → xₜ₊₁,
 * `\sqrt{d}` → √d), with plain-text carets where it cannot (`\R^{n\times d}` → ℝ^(n×d)),
 * or `…` for what has no plain form (a matrix, nested fractions): a meta description, a
 * feed summary or a link preview shows no raw TeX.
 */
export function formulaAsText(tex: string): string {
  // Scripts Unicode cannot raise or lower are kept out of unicodeit's way and written as ^(…).
  const held: string[] = [];
  const prepared = plainTex(tex).replace(
    /([\^_])(?:\{([^{}]*)\}|(\\[A-Za-z]+))/g,
    (all, mark: '^' | '_', group?: string, command?: string) => {
      const inner = group ?? command!;
      const text = unicodeit.replace(inner).trim();
      if (scriptable(mark, text)) return all;
      held.push(`${mark}${[...text].length === 1 ? text : `(${text})`}`);
      return `\u0000${held.length - 1}\u0000`;
    },
  );
  const text = unicodeit
    .replace(prepared)
    .replace(/\\(?:,|;|:|!|quad|qquad)|~/g, ' ')
    .replace(/\u0000(\d+)\u0000/g, (_all, index: string) => held[Number(index)]!);
  return /[\\{}&]/.test(text) ? '…' : text.replace(/\s+/g, ' ').trim();
}

/** The excerpt as plain text, for meta descriptions, feeds and link previews. */
export function excerptText(parts: ExcerptPart[]): string {
  return parts
    .map((part) => (part.type === 'math' ? formulaAsText(part.value) : part.value))
    .join('')
    .replace(/…(\s*…)+/g, '…')
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
