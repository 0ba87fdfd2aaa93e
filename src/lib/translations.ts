/**
 * Which articles are versions of each other in other languages. Two ways to say it, both
 * in frontmatter: `translationKey: rope` on every version (the articles that share a key
 * are one group), or `translations: { en: rope-en }` on one of them (it joins the named
 * article's group). A group holds at most one article per language: a second one is an
 * error naming both files, and is left out of the group. Pure: the inventory calls it.
 */
import path from 'node:path';
import type { Problem } from './problems.ts';

export type Lang = 'zh' | 'en';

export interface TranslationSource {
  slug: string;
  file: string;
  lang: Lang;
  translationKey?: string | undefined;
  translations?: { zh?: string | undefined; en?: string | undefined } | undefined;
}

export interface Translations {
  /** slug → its versions in the other languages (language → slug); only articles that have one. */
  versions: Map<string, Partial<Record<Lang, string>>>;
  problems: Problem[];
}

export function linkTranslations(articles: TranslationSource[]): Translations {
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  const problems: Problem[] = [];
  const shown = (file: string) => path.relative(process.cwd(), file);

  // Union-find over slugs: a key or a `translations:` entry joins two articles.
  const parent = new Map(articles.map((article) => [article.slug, article.slug]));
  const find = (slug: string): string => {
    const up = parent.get(slug)!;
    if (up === slug) return slug;
    const root = find(up);
    parent.set(slug, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));

  const byKey = new Map<string, string>();
  for (const article of articles) {
    if (article.translationKey === undefined) continue;
    const first = byKey.get(article.translationKey);
    if (first) join(article.slug, first);
    else byKey.set(article.translationKey, article.slug);
  }
  for (const article of articles) {
    for (const [lang, slug] of Object.entries(article.translations ?? {}) as [Lang, string | undefined][]) {
      if (slug === undefined) continue;
      const other = bySlug.get(slug);
      if (!other) {
        problems.push({
          file: article.file,
          line: 1,
          severity: 'error',
          rule: 'translation/missing',
          message: `translations: ${lang}: "${slug}" is not an article`,
          fix: 'write the slug of the other version (its file name without .md), or remove the entry',
        });
      } else if (other.lang !== lang) {
        problems.push({
          file: article.file,
          line: 1,
          severity: 'error',
          rule: 'translation/language',
          message: `translations: ${lang}: "${slug}" is written in ${other.lang}, not ${lang} (${shown(other.file)})`,
          fix: `list it under ${other.lang}:, or set  lang: ${lang}  in that article`,
        });
      } else join(article.slug, slug);
    }
  }

  const groups = Map.groupBy(articles, (article) => find(article.slug));
  const versions = new Map<string, Partial<Record<Lang, string>>>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const kept = new Map<Lang, TranslationSource>();
    for (const article of [...group].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      const taken = kept.get(article.lang);
      if (!taken) {
        kept.set(article.lang, article);
        continue;
      }
      problems.push({
        file: article.file,
        line: 1,
        severity: 'error',
        rule: 'translation/duplicate-language',
        message: `two ${article.lang} versions of one article: ${shown(taken.file)} and ${shown(article.file)} are linked as translations (translationKey or translations:) and are both lang: ${article.lang}`,
        fix: `keep one ${article.lang} version in the group: change the translationKey (or translations:) of one of them, or its lang`,
      });
    }
    for (const article of kept.values()) {
      const others = Object.fromEntries(
        [...kept].filter(([lang]) => lang !== article.lang).map(([lang, other]) => [lang, other.slug]),
      );
      if (Object.keys(others).length > 0) versions.set(article.slug, others);
    }
  }
  return { versions, problems };
}

/** The language tag pages carry for an article language (lang and hreflang attributes). */
export const htmlLangOf = (lang: Lang): string => (lang === 'en' ? 'en' : 'zh-CN');

/** The languages articles are written in, Chinese first. */
export function articleLanguages(articles: { lang: Lang }[]): Lang[] {
  return (['zh', 'en'] as const).filter((lang) => articles.some((article) => article.lang === lang));
}
