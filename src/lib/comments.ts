/**
 * Giscus comments (GitHub Discussions), behind KB_COMMENTS=giscus (src/settings.ts). What the
 * article page needs to embed the widget, and the one origin the pages that show it must
 * allow to be framed (frame-src). Only article pages get that origin; every other page keeps
 * the strict site-wide policy of public/_headers.
 */
import type { GiscusSettings, UiLang } from '../settings.ts';
import { allowOrigin } from './headers-file.ts';

export const GISCUS_ORIGIN = 'https://giscus.app';

/** What src/client/comments.ts reads from the comments section to build the widget. */
export interface GiscusConfig {
  origin: string;
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** Giscus's mapping: the page path, or a fixed term (the article slug). */
  mapping: 'pathname' | 'specific';
  term: string;
  lang: string;
}

export function giscusConfig(settings: GiscusSettings, slug: string, uiLang: UiLang): GiscusConfig {
  return {
    origin: GISCUS_ORIGIN,
    repo: settings.repo,
    repoId: settings.repoId,
    category: settings.category,
    categoryId: settings.categoryId,
    mapping: settings.mapping === 'slug' ? 'specific' : 'pathname',
    term: settings.mapping === 'slug' ? slug : '',
    lang: uiLang === 'en' ? 'en' : 'zh-CN',
  };
}

/** The Content-Security-Policy of a page that shows comments. */
export const commentsPolicy = (policy: string): string => allowOrigin(policy, 'frame-src', GISCUS_ORIGIN);
