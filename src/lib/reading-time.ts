/**
 * Reading time that is fair to mixed Chinese/English prose: CJK characters and Latin
 * words are counted separately at typical reading speeds. Code and math are not counted:
 * readers skim code and linger on formulas in roughly equal measure. The counts come from
 * the rendered article's prose (src/markdown/article-facts.ts).
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

export function readingMinutes({ cjk, words }: TextCounts): number {
  return Math.max(1, Math.round(cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE));
}
