/**
 * Character classes for mixed Chinese and Latin text, as CSS Text 4's text-autospace
 * defines them: ideographs (Han, kana, bopomofo) on one side, letters of other scripts and
 * digits on the other. Chinese punctuation is neither.
 */
export const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u;

/** Ideographs, and the fullwidth punctuation that only Chinese and Japanese prose uses. */
export const CJK_PROSE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff01-\uff5e]/u;

/** A letter of a non-ideographic script, or a digit. */
export const ALPHA_NUMERIC = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;

export const isIdeograph = (char: string | undefined): boolean => char !== undefined && IDEOGRAPH.test(char);
export const isCjkProse = (char: string | undefined): boolean => char !== undefined && CJK_PROSE.test(char);
export const isAlphaNumeric = (char: string | undefined): boolean => char !== undefined && ALPHA_NUMERIC.test(char);
