/**
 * The Markdown/MDX pipeline, in order. The article renderer (article-renderer.ts) runs it
 * for Markdown, and astro.config.mjs hands the same lists to @astrojs/mdx, so both formats
 * render identically.
 */
import path from 'node:path';
import remarkMath from 'remark-math';
import { unified, type MarkdownProcessor, type UnifiedResolvedOptions } from '@astrojs/markdown-remark';
import type { ShikiTransformer } from 'shiki';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { mathMacros, site } from '../config.ts';
import { t } from '../i18n/index.ts';
import { formatProblem } from '../lib/problems.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import { settings } from '../settings.ts';
import {
  articleSlugs,
  inventory,
  resolveAttachment,
  resolveNote,
  slugOfFile,
  titleOfFile,
} from '../sources/inventory.ts';
import { rehypeArticleFacts, remarkArticleFacts } from './article-facts.ts';
import remarkMathDelimiters from './remark-math-delimiters.ts';
import remarkEquationRefs from './remark-equation-refs.ts';
import remarkDollarMath from './remark-dollar-math.ts';
import remarkEquationIds from './remark-equation-ids.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkCodeLanguages, { UNHIGHLIGHTED } from './remark-code-languages.ts';
import remarkTitleHeading from './remark-title-heading.ts';
import remarkObsidian from './remark-obsidian.ts';
import remarkForeignSyntax from './remark-foreign-syntax.ts';
import remarkCjkQuotes from './remark-cjk-quotes.ts';
import rehypeHeadingAnchors from './rehype-heading-anchors.ts';
import rehypeKatexStrict from './rehype-katex-strict.ts';
import rehypeCjkSpacing from './rehype-cjk-spacing.ts';
import rehypeCodeBlocks from './rehype-code-blocks.ts';
import rehypeLinks from './rehype-links.ts';
import rehypeAuthorHtml from './rehype-author-html.ts';
import { isPageId } from '../lib/page-ids.ts';
import rehypePublishImages from './rehype-publish-images.ts';
// Scholarly apparatus: fenced divs, theorems, callouts, figures, references, citations, notes.
import { articleBibliographyFiles } from '../lib/bibliography.ts';
import { texExtensionMacros } from '../lib/tex-extensions.ts';
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

/** Where articles' relative and root paths point (src/markdown/local-files.ts). */
const localFiles = {
  base: settings.base,
  contentDir: settings.contentDir,
  publicDir: path.join(settings.root, 'public'),
  assetDir: settings.assetStoreDir,
};

export const remarkPlugins = [
  [remarkTitleHeading, { titleOf: titleOfFile }],
  remarkMathDelimiters,
  remarkMath,
  // After remark-math: its closing-fence construct must be tried before remark-math's.
  remarkEquationIds,
  remarkDollarMath,
  remarkFencedDivs,
  // [[slug#thm-x]] before remark-wikilinks makes the other [[…]] heading links.
  remarkArticleRefs,
  [
    remarkWikilinks,
    {
      resolve: (name: string, fromFile: string | undefined) => {
        const note = resolveNote(name, fromFile);
        return note && { slug: note.slug, title: note.data.title };
      },
      attachment: resolveAttachment,
    },
  ],
  remarkObsidian,
  remarkNotes,
  remarkCallouts,
  remarkTheorems,
  remarkFigures,
  [remarkEquationRefs, { base: settings.base }],
  // After everything that numbers: @thm-x, @fig-x, @eq-x; then every other @key is a citation.
  remarkCrossrefs,
  [remarkCitations, { style: settings.citationStyle, bibliographyFiles }],
  remarkCodeLanguages,
  remarkForeignSyntax,
  // Before the facts, so excerpts and headings carry the quotation marks readers see.
  remarkCjkQuotes,
  remarkArticleFacts,
];

/**
 * First on the HTML tree, before anything the site adds (highlighting, KaTeX): the
 * author's HTML parsed and cleaned by the allow-list. Markdown only; MDX is code.
 */
export const authorHtmlPlugin = [rehypeAuthorHtml, { strict: settings.strictHtml, isReservedId: isPageId }] as const;

export const rehypePlugins = [
  [rehypeHeadingAnchors, { label: t.sectionLink }],
  [rehypeLinks, { ...localFiles, slugs: articleSlugs, slugOfFile }],
  [rehypePublishImages, { ...localFiles, remoteImages: settings.remoteImages }],
  // After links are resolved, before KaTeX: prose and formulas are still apart here.
  [rehypeArticleFacts, { base: settings.base, excerptLength: site.excerptLength, contextLength: 120 }],
  // Before KaTeX, while inline math is still one element to space around.
  rehypeCjkSpacing,
  [rehypeKatexStrict, { macros: { ...texExtensionMacros, ...mathMacros, ...loadTaxonomy().macros } }],
  // After the facts (the copies must not enter excerpts) and KaTeX (they carry formulas).
  rehypeSidenotes,
  rehypeCodeBlocks,
  rehypeLabelBlocks,
] as const;

/** Code fences Shiki leaves alone: math (KaTeX's) and blocks too large to highlight. */
export const unhighlightedLanguages = ['math', UNHIGHLIGHTED];

/**
 * Shiki gives up highlighting a line after 500 ms and shows the rest of it plain; on a
 * loaded machine that cut falls at different places in different builds, and the output is
 * no longer reproducible. The limit here is far above what any real line needs; lines over
 * 10,000 characters (minified code, data) are shown plain, deterministically. Astro passes
 * no tokenizer options through, so a transformer sets them before tokenizing.
 */
const reproducibleTokenizing: ShikiTransformer = {
  name: 'kb:reproducible-tokenizing',
  preprocess(_code, options) {
    options.tokenizeTimeLimit = 10_000;
    options.tokenizeMaxLineLength = 10_000;
  },
};

export const shikiConfig = {
  // One tokenization per block, colored by CSS variables (src/styles/code.css) for both
  // themes: half the work and much less HTML than Shiki's dual-theme output.
  theme: 'css-variables',
  wrap: false,
  transformers: [
    reproducibleTokenizing,
    transformerMetaHighlight(),
    transformerNotationHighlight(),
    transformerNotationDiff(),
  ],
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
