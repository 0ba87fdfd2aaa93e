/**
 * The one place where the site is configured. Pages, layouts, the Markdown pipeline and
 * the build scripts all read from here; nothing is configured twice.
 */
import crypto from 'node:crypto';
import path from 'node:path';

export type Lang = 'zh' | 'en';

/** Where articles and taxonomy live; `KB_CONTENT_DIR` points the build at another folder. */
export const contentDir = path.resolve(process.env.KB_CONTENT_DIR ?? 'content');

/**
 * Astro's content cache, one per content folder: switching `KB_CONTENT_DIR` between builds
 * must not evict (or reuse) another folder's cached renders.
 */
export const cacheDir =
  process.env.KB_CACHE_DIR ??
  (process.env.KB_CONTENT_DIR
    ? `./node_modules/.astro/content-${crypto.createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}`
    : './node_modules/.astro');

/** Images published by articles, content-addressed (see src/markdown/rehype-publish-images.ts). */
export const articleAssetDir = path.resolve(cacheDir, 'kb-assets');

export const site = {
  title: 'ML 知识库',
  titleEn: 'ML Knowledge Base',
  description: '数学密集的机器学习与大模型技术文章：推导、代码与论文，一处读全。',
  /** Absolute origin used for canonical URLs, RSS and the sitemap. */
  url: process.env.KB_SITE_URL ?? 'https://ml-kb.example.org',
  /** Non-root deployments set `KB_BASE=/kb/`. */
  base: process.env.KB_BASE ?? '/',
  /** UI language; the dictionaries are src/i18n/zh.ts and src/i18n/en.ts. */
  uiLang: (process.env.KB_UI_LANG === 'en' ? 'en' : 'zh') as Lang,
  author: 'ML 知识库',
  contentDir,
  /** Category used when an article names none; it must exist in the taxonomy defaults. */
  defaultCategory: 'uncategorized',
  pageSize: 20,
  /** Listings show excerpts of this many characters (CJK characters count as one). */
  excerptLength: 160,
  relatedCount: 5,
} as const;

/**
 * Build switches. `KB_LENIENT_MATH=1` turns invalid TeX into a warning and a visibly
 * marked formula, for importing old articles.
 */
export const features = {
  lenientMath: process.env.KB_LENIENT_MATH === '1',
  search: process.env.KB_SEARCH !== '0',
} as const;

/**
 * KaTeX macros shared by every article. Authors add their own in the taxonomy file's
 * `macros:` map (see content/taxonomy.yaml); those override these.
 */
export const mathMacros: Record<string, string> = {
  '\\R': '\\mathbb{R}',
  '\\N': '\\mathbb{N}',
  '\\Z': '\\mathbb{Z}',
  '\\E': '\\mathbb{E}',
  '\\P': '\\mathbb{P}',
  '\\bm': '\\boldsymbol{#1}',
  '\\argmax': '\\operatorname*{arg\\,max}',
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\softmax': '\\operatorname{softmax}',
  '\\sigmoid': '\\operatorname{sigmoid}',
  '\\relu': '\\operatorname{ReLU}',
  '\\KL': '\\operatorname{KL}',
  '\\Var': '\\operatorname{Var}',
  '\\Cov': '\\operatorname{Cov}',
  '\\diag': '\\operatorname{diag}',
  '\\tr': '\\operatorname{tr}',
  '\\rank': '\\operatorname{rank}',
  '\\sign': '\\operatorname{sign}',
};
