/**
 * The Markdown/MDX pipeline, in order. The article renderer (article-renderer.ts) runs it
 * for Markdown, and astro.config.mjs hands the same lists to @astrojs/mdx, so both formats
 * render identically.
 */
import path from 'node:path';
import remarkMath from 'remark-math';
import { unified, type MarkdownProcessor, type UnifiedResolvedOptions } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { mathMacros, site } from '../config.ts';
import { t } from '../i18n/index.ts';
import { formatProblem } from '../lib/problems.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import { settings } from '../settings.ts';
import { articleSlugs, articleTitle } from '../sources/inventory.ts';
import { rehypeArticleFacts, remarkArticleFacts } from './article-facts.ts';
import remarkMathDelimiters from './remark-math-delimiters.ts';
import remarkEquationRefs from './remark-equation-refs.ts';
import remarkDollarMath from './remark-dollar-math.ts';
import remarkLocalImages from './remark-local-images.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkCodeLanguages from './remark-code-languages.ts';
import remarkCjkQuotes from './remark-cjk-quotes.ts';
import rehypeHeadingAnchors from './rehype-heading-anchors.ts';
import rehypeKatexStrict from './rehype-katex-strict.ts';
import rehypeCjkSpacing from './rehype-cjk-spacing.ts';
import rehypeCodeBlocks from './rehype-code-blocks.ts';
import rehypeTableAlign from './rehype-table-align.ts';
import rehypeLinks from './rehype-links.ts';
import rehypeUnsafeHtml from './rehype-unsafe-html.ts';
import rehypePublishImages from './rehype-publish-images.ts';

export const remarkPlugins = [
  remarkMathDelimiters,
  remarkMath,
  remarkDollarMath,
  [remarkLocalImages, { publicDir: path.join(settings.root, 'public') }],
  [remarkWikilinks, { titleOf: articleTitle }],
  remarkEquationRefs,
  remarkCodeLanguages,
  // Before the facts, so excerpts and headings carry the quotation marks readers see.
  remarkCjkQuotes,
  remarkArticleFacts,
];

export const rehypePlugins = [
  rehypeUnsafeHtml,
  [rehypeHeadingAnchors, { label: t.sectionLink }],
  [rehypeLinks, { base: settings.base, slugs: articleSlugs }],
  [rehypePublishImages, { base: settings.base, assetDir: settings.assetStoreDir }],
  // After links are resolved, before KaTeX: prose and formulas are still apart here.
  [rehypeArticleFacts, { base: settings.base, excerptLength: site.excerptLength, contextLength: 120 }],
  // Before KaTeX, while inline math is still one element to space around.
  rehypeCjkSpacing,
  [rehypeKatexStrict, { macros: { ...mathMacros, ...loadTaxonomy().macros } }],
  rehypeCodeBlocks,
  rehypeTableAlign,
] as const;

export const shikiConfig = {
  // One tokenization per block, colored by CSS variables (src/styles/code.css) for both
  // themes: half the work and much less HTML than Shiki's dual-theme output.
  theme: 'css-variables',
  wrap: false,
  transformers: [transformerMetaHighlight(), transformerNotationHighlight(), transformerNotationDiff()],
};

/** remark-rehype: footnote labels in the UI language. */
export const remarkRehypeOptions = {
  footnoteLabel: t.footnotes,
  footnoteBackLabel: (reference: number) => `${t.footnotes} ${reference + 1}`,
};

/**
 * In `astro dev` nothing else shows an MDX article's problems: print them. (`npm run build`
 * analyses MDX before Astro runs and reports them with everything else.)
 */
function rehypeShowProblems() {
  return (_tree: Root, file: VFile) => {
    if (settings.sourcesChecked) return;
    for (const problem of file.data.problems ?? []) console.warn(`[kb] ${problem.severity}: ${formatProblem(problem)}`);
  };
}

/** Astro's unified processor, which @astrojs/mdx uses for `.mdx` articles. */
export function astroMarkdownProcessor(): MarkdownProcessor<UnifiedResolvedOptions> {
  return unified({
    remarkPlugins: remarkPlugins as never,
    rehypePlugins: [...rehypePlugins, rehypeShowProblems] as never,
    remarkRehype: remarkRehypeOptions,
    smartypants: false,
  });
}
