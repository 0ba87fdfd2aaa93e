/**
 * Reading time that is fair to mixed Chinese/English prose: CJK characters and Latin
 * words are counted separately at typical reading speeds; code and math count less,
 * since readers skim code and linger on formulas in roughly equal measure.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const WORD = /[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*/g;

export const CJK_PER_MINUTE = 400;
export const WORDS_PER_MINUTE = 220;

export interface TextCounts {
  cjk: number;
  words: number;
}

export function countText(text: string): TextCounts {
  return { cjk: text.match(CJK)?.length ?? 0, words: text.match(WORD)?.length ?? 0 };
}

/** Prose of a Markdown body: code blocks, math and markup removed. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]/g, ' ')
    .replace(/\$[^$\n]+\$|\\\([\s\S]*?\\\)/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~-]+/g, ' ');
}

export function readingMinutes(markdown: string): number {
  const { cjk, words } = countText(proseOf(markdown));
  const minutes = cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE;
  return Math.max(1, Math.round(minutes));
}
