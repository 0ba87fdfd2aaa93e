/** The UI language's dictionary and the helpers that show things in it. */
import { settings } from '../settings.ts';
import { termName, type Term } from '../lib/taxonomy.ts';
import zh from './zh.ts';
import en from './en.ts';

export const uiLang = settings.uiLang;

/** The UI dictionary for the configured language. */
export const t = uiLang === 'en' ? en : zh;
export const htmlLang = uiLang === 'en' ? 'en' : 'zh-CN';

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A tag's, category's or series' name in the UI language. */
export const termLabel = (term: Term): string => termName(term, uiLang);

/** The strings the search UI shows, for a `data-search-strings` attribute (src/client/search-render.ts). */
export const searchStrings = JSON.stringify({
  loading: t.searchLoading,
  count: t.searchResultCount,
  noResults: t.searchNoResults,
  error: t.searchError,
  corrected: t.searchCorrected,
  original: t.searchOriginal,
  seeAll: t.searchSeeAll,
  prompt: t.searchPrompt,
  more: t.searchMore,
  missing: t.searchMissing,
  sections: t.searchSections,
  countPartial: t.searchResultCountPartial,
  unknown: t.searchUnknown,
});

/** The strings of the formula controls and equation previews, for a `data-math-strings` attribute. */
export const mathStrings = JSON.stringify({
  copy: t.copyTex,
  copied: t.copiedTex,
  formula: t.formula,
  keys: t.formulaKeys,
});

/** A UI string with `{name}` placeholders filled in. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
