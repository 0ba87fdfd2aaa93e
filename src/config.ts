/**
 * What the site is: its name, description, listing sizes and the KaTeX macros every
 * article shares. Deployment settings that come from the environment (base path, site
 * URL, content folder, UI language, switches) are in src/settings.ts.
 */
export const site = {
  title: 'ML 知识库',
  titleEn: 'ML Knowledge Base',
  description: '数学密集的机器学习与大模型技术文章：推导、代码与论文，一处读全。',
  author: 'ML 知识库',
  /** Category used when an article names none; it must exist in the taxonomy defaults. */
  defaultCategory: 'uncategorized',
  pageSize: 20,
  /** Listings show excerpts of this many characters (CJK characters count as one). */
  excerptLength: 160,
  relatedCount: 5,
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
