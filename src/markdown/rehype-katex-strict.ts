/**
 * Server-side KaTeX for the `code.language-math` elements that remark-math and
 * remark-math-delimiters produce.
 *
 * Differs from rehype-katex in what authors need from a strict build: invalid TeX is
 * reported with file, line and the offending formula, and published as the TeX, visibly
 * marked, so the rest of the page renders; shared macros come from one config; identical
 * formulas are rendered once per process.
 */
import katex from 'katex';
import type { Element, ElementContent, Root, Parent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { mathjaxRewrite } from './mathjax-compat.ts';
import { errorMark, report } from './report.ts';

export interface KatexStrictOptions {
  macros?: Record<string, string>;
  /** `raw` HTML nodes (default for Markdown) or parsed `hast` (default for MDX). */
  output?: 'raw' | 'hast';
}

/** Rendered HTML by mode and TeX: the same formula (`d`, `\\theta`) recurs across a library. */
const htmlCache = new Map<string, string>();

/** `\href` is trusted only for in-page anchors: equation references made by remark-equation-refs. */
const trustInPageLinks = (context: { command: string; url?: string }) =>
  context.command === '\\href' && typeof context.url === 'string' && context.url.startsWith('#');

function renderToHtml(tex: string, displayMode: boolean, macros: Record<string, string>): string {
  const key = `${displayMode ? 'D' : 'I'}\u0000${tex}`;
  let html = htmlCache.get(key);
  if (html === undefined) {
    // Bounded: a 10,000-article library has hundreds of thousands of distinct formulas.
    if (htmlCache.size >= 20_000) htmlCache.clear();
    html = katex.renderToString(tex, {
      displayMode,
      // KaTeX mutates the macros object it is given (\gdef); hand it a copy.
      macros: { ...macros },
      throwOnError: true,
      trust: trustInPageLinks,
      // Chinese inside math (outside \text) is common in our articles and renders fine.
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
    htmlCache.set(key, html);
  }
  return html;
}

/**
 * KaTeX's HTML enters the tree as a `raw` node where the processor parses raw HTML after
 * our plugins (Astro's Markdown pipeline), which keeps the tree small for every later
 * plugin. MDX runs rehype-raw before our plugins, so there it must be parsed here.
 */
function toNodes(html: string, raw: boolean): ElementContent[] {
  return raw
    ? [{ type: 'raw', value: html } as unknown as ElementContent]
    : (fromHtml(html, { fragment: true }).children as ElementContent[]);
}

/** Puts the rendered formula in place of its <code> (inline) or of its <pre> (display). */
function placeFormula(
  parent: Parent,
  index: number,
  formula: { inPre: boolean; displayMode: boolean; children: ElementContent[] },
) {
  const wrapper: Element = {
    type: 'element',
    tagName: formula.displayMode && formula.inPre ? 'div' : 'span',
    properties: { className: ['math', formula.displayMode ? 'math-display' : 'math-inline'] },
    children: formula.children,
  };
  if (formula.inPre) {
    // Replace the whole <pre>. Its id (from a \label) stays.
    const pre = parent as Element;
    wrapper.properties = { ...pre.properties, ...wrapper.properties };
    pre.tagName = wrapper.tagName;
    pre.properties = wrapper.properties;
    pre.children = wrapper.children;
    return SKIP;
  }
  (parent.children as ElementContent[])[index] = wrapper;
  return SKIP;
}

function classList(node: Element): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

export default function rehypeKatexStrict(options: KatexStrictOptions = {}) {
  const macros = options.macros ?? {};
  return (tree: Root, file: VFile) => {
    const raw = options.output === 'raw' || (options.output !== 'hast' && !String(file.path ?? '').endsWith('.mdx'));
    visit(tree, 'element', (node: Element, index, parent: Parent | undefined) => {
      if (node.tagName !== 'code' || !classList(node).includes('language-math')) return undefined;
      if (!parent || index === undefined) return undefined;

      const inPre = parent.type === 'element' && (parent as Element).tagName === 'pre';
      const displayMode = inPre || classList(node).includes('math-display');
      const tex = toString(node);
      // Display math arrives as <pre><code>; the position lives on the <pre>.
      const located = node.position ? node : (parent as Element);
      const place = (children: ElementContent[]) => placeFormula(parent, index, { inPre, displayMode, children });

      let rendered: ElementContent[];
      try {
        rendered = toNodes(renderToHtml(tex, displayMode, macros), raw);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // Written for MathJax? Then it may render once rewritten the way KaTeX reads it.
        const compatible = mathjaxRewrite(tex);
        if (compatible.habits.length > 0) {
          try {
            rendered = toNodes(renderToHtml(compatible.tex, displayMode, macros), raw);
            report(file, located, {
              severity: 'warning',
              rule: 'math/mathjax-only',
              message: `KaTeX cannot read this formula as written (MathJax can): ${compatible.habits.join('; ')}. It is published rewritten\nformula: ${tex.trim()}`,
              fix: `write it as  ${compatible.tex.trim()}`,
            });
            return place(rendered);
          } catch {
            // Not only a MathJax habit: report the original problem below.
          }
        }
        report(file, located, {
          rule: 'math/invalid-tex',
          message: `invalid TeX: ${reason}\nformula: ${tex.trim()}`,
          fix: 'correct the formula, or build with KB_LENIENT=1 to publish it marked while you fix it',
        });
        rendered = [errorMark(tex, reason, { className: 'katex-error' })];
      }

      return place(rendered);
    });
  };
}
