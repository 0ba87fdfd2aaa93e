/**
 * The names the search index files an article under, for each filter of the search page:
 * src/components/SearchFields.astro writes them into every article page for Pagefind, and
 * src/pages/search/index.astro lists them in its menus. A menu entry finds articles only if
 * it is exactly the indexed name, so both take it from here.
 */
import { t, termLabel } from '../i18n/index.ts';
import { categoryTerm, tagTerm } from './articles.ts';

export const filterName = {
  category: (id: string): string => termLabel(categoryTerm(id)),
  tag: (id: string): string => termLabel(tagTerm(id)),
  lang: (lang: 'zh' | 'en'): string => t.languageNames[lang],
};
