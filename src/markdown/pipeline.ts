/**
 * The Markdown/MDX pipeline, in order. astro.config.mjs hands these lists to Astro's
 * unified processor and to @astrojs/mdx so both formats render identically.
 */
import path from 'node:path';
import remarkMath from 'remark-math';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import { articleAssetDir, features, mathMacros, site } from '../config.ts';
import { t } from '../i18n/index.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import { articleSlugs, articleTitle } from '../lib/content-files.ts';
import remarkMathDelimiters from './remark-math-delimiters.ts';
import remarkEquationRefs from './remark-equation-refs.ts';
import remarkDollarMath from './remark-dollar-math.ts';
import remarkLocalImages from './remark-local-images.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkCodeLanguages from './remark-code-languages.ts';
import rehypeHeadingAnchors from './rehype-heading-anchors.ts';
import rehypeKatexStrict from './rehype-katex-strict.ts';
import rehypeCodeBlocks from './rehype-code-blocks.ts';
import rehypeTableAlign from './rehype-table-align.ts';
import rehypeLinks from './rehype-links.ts';
import rehypeUnsafeHtml from './rehype-unsafe-html.ts';
import rehypePublishImages from './rehype-publish-images.ts';

export const remarkPlugins = [
  remarkMathDelimiters,
  remarkMath,
  remarkDollarMath,
  [remarkLocalImages, { publicDir: path.resolve('public') }],
  [remarkWikilinks, { titleOf: articleTitle }],
  remarkEquationRefs,
  remarkCodeLanguages,
];

export const rehypePlugins = [
  rehypeUnsafeHtml,
  [rehypeHeadingAnchors, { label: t.sectionLink }],
  [rehypeKatexStrict, { macros: { ...mathMacros, ...loadTaxonomy().macros }, lenient: features.lenientMath }],
  rehypeCodeBlocks,
  rehypeTableAlign,
  [rehypeLinks, { base: site.base, slugs: articleSlugs }],
  [rehypePublishImages, { base: site.base, assetDir: articleAssetDir }],
] as const;

export const shikiConfig = {
  // One tokenization per block, colored by CSS variables (src/styles/code.css) for both
  // themes: half the work and much less HTML than Shiki's dual-theme output.
  theme: 'css-variables',
  wrap: false,
  transformers: [transformerMetaHighlight(), transformerNotationHighlight(), transformerNotationDiff()],
};

/** remark-rehype: footnote labels in the UI language. */
export const remarkRehype = {
  footnoteLabel: t.footnotes,
  footnoteBackLabel: (reference: number) => `${t.footnotes} ${reference + 1}`,
};
