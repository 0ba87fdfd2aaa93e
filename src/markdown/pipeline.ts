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
import remarkEquationIds from './remark-equation-ids.ts';
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
// Scholarly apparatus: fenced divs, theorems, callouts, figures, references, citations, notes.
import { articleBibliographyFiles } from '../lib/bibliography.ts';
import { texExtensionMacros } from '../lib/tex-extensions.ts';
import { inventory } from '../sources/inventory.ts';
import remarkFencedDivs from './remark-fenced-divs.ts';
import remarkArticleRefs from './remark-article-refs.ts';
import remarkNotes from './remark-notes.ts';
import remarkCallouts from './remark-callouts.ts';
import remarkTheorems from './remark-theorems.ts';
import remarkFigures from './remark-figures.ts';
import remarkCrossrefs from './remark-crossrefs.ts';
import remarkCitations from './remark-citations.ts';
import rehypeSidenotes from './rehype-sidenotes.ts';
import rehypeLabelBlocks from './rehype-label-blocks.ts';

/** The shared references.bib, plus the article's own `bibliography:` file (relative to it). */
const bibliographyFiles = (articlePath: string): string[] =>
  articleBibliographyFiles(settings.contentDir, articlePath, inventory().byFile.get(articlePath)?.data.bibliography);

export const remarkPlugins = [
  remarkMathDelimiters,
  remarkMath,
  // After remark-math: its closing-fence construct must be tried before remark-math's.
  remarkEquationIds,
  remarkDollarMath,
  remarkFencedDivs,
  [remarkLocalImages, { publicDir: path.join(settings.root, 'public') }],
  // [[slug#thm-x]] before remark-wikilinks makes the other [[…]] heading links.
  remarkArticleRefs,
  [remarkWikilinks, { titleOf: articleTitle }],
  remarkNotes,
  remarkCallouts,
  remarkTheorems,
  remarkFigures,
  [remarkEquationRefs, { base: settings.base }],
  // After everything that numbers: @thm-x, @fig-x, @eq-x; then every other @key is a citation.
  remarkCrossrefs,
  [remarkCitations, { style: settings.citationStyle, bibliographyFiles }],
  remarkCodeLanguages,
  remarkArticleFacts,
];

export const rehypePlugins = [
  rehypeUnsafeHtml,
  [rehypeHeadingAnchors, { label: t.sectionLink }],
  [rehypeLinks, { base: settings.base, slugs: articleSlugs }],
  [rehypePublishImages, { base: settings.base, assetDir: settings.assetStoreDir }],
  // After links are resolved, before KaTeX: prose and formulas are still apart here.
  [rehypeArticleFacts, { base: settings.base, excerptLength: site.excerptLength, contextLength: 120 }],
  [rehypeKatexStrict, { macros: { ...texExtensionMacros, ...mathMacros, ...loadTaxonomy().macros } }],
  // After the facts (the copies must not enter excerpts) and KaTeX (they carry formulas).
  rehypeSidenotes,
  rehypeCodeBlocks,
  rehypeTableAlign,
  rehypeLabelBlocks,
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
