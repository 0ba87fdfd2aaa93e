/**
 * Server-side KaTeX for the `code.language-math` elements that remark-math and
 * remark-math-delimiters produce.
 *
 * Differs from rehype-katex in what authors need from a strict build: invalid TeX is
 * reported with file, line and the offending formula, and published as the TeX, visibly
 * marked, so the rest of the page renders; shared macros come from one config; identical
 * formulas are rendered once per process.
 *
 * KaTeX gaps (src/lib/tex-extensions.ts): `\DeclareMathOperator` anywhere in an article
 * defines an operator for all its formulas (the declaration itself prints nothing), and the
 * physics package's `\dv`/`\pdv` are expanded before KaTeX with the TeX as written kept in
 * the annotation.
 */
import katex from 'katex';
import type { Element, ElementContent, Root, Parent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { expandPhysics, takeOperatorDeclarations } from '../lib/tex-extensions.ts';
import { errorMark, report } from './report.ts';

export interface KatexStrictOptions {
  macros?: Record<string, string>;
  /** `raw` HTML nodes (default for Markdown) or parsed `hast` (default for MDX). */
  output?: 'raw' | 'hast';
}

/** Rendered HTML by mode and TeX: the same formula (`d`, `\\theta`) recurs across a library. */
const htmlCache = new Map<string, string>();

/**
 * `\href` is trusted only for links within the site: in-page anchors and root-relative
 * paths (equation references made by remark-equation-refs, within and across articles);
 * `\htmlId` for the per-row anchors of numbered environments.
 */
const trustInPageLinks = (context: { command: string; url?: string }) =>
  (context.command === '\\href' &&
    typeof context.url === 'string' &&
    (context.url.startsWith('#') || /^\/(?!\/)/.test(context.url))) ||
  context.command === '\\htmlId';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderToHtml(tex: string, displayMode: boolean, macros: Record<string, string>, macroKey = ''): string {
  const key = `${displayMode ? 'D' : 'I'}\u0000${macroKey}\u0000${tex}`;
  let html = htmlCache.get(key);
  if (html === undefined) {
    // Bounded: a 10,000-article library has hundreds of thousands of distinct formulas.
    if (htmlCache.size >= 20_000) htmlCache.clear();
    const expanded = expandPhysics(tex);
    html = katex.renderToString(expanded, {
      displayMode,
      // KaTeX mutates the macros object it is given (\gdef); hand it a copy.
      macros: { ...macros },
      throwOnError: true,
      trust: trustInPageLinks,
      // Chinese inside math (outside \text) is common in our articles and renders fine.
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
    if (expanded !== tex) {
      html = html.replace(
        /(<annotation encoding="application\/x-tex">)[\s\S]*?(<\/annotation>)/,
        (_, open: string, close: string) => `${open}${escapeText(tex)}${close}`,
      );
    }
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

function classList(node: Element): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** The operators an article declares in any of its formulas; the declarations are removed. */
function articleOperators(tree: Root): Record<string, string> {
  const declared: Record<string, string> = {};
  visit(tree, 'element', (node: Element, index, parent: Parent | undefined) => {
    if (node.tagName !== 'code' || !classList(node).includes('language-math')) return undefined;
    const tex = toString(node);
    if (!tex.includes('\\DeclareMathOperator')) return undefined;
    const { macros, rest } = takeOperatorDeclarations(tex);
    Object.assign(declared, macros);
    if (rest.trim() || !parent || index === undefined) {
      node.children = [{ type: 'text', value: rest }];
      return undefined;
    }
    // A formula that only declares prints nothing (in LaTeX it would sit in the preamble).
    const inPre = parent.type === 'element' && (parent as Element).tagName === 'pre';
    if (inPre) {
      const pre = parent as Element;
      pre.tagName = 'span';
      pre.properties = { hidden: true };
      pre.children = [];
    } else parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return declared;
}

export default function rehypeKatexStrict(options: KatexStrictOptions = {}) {
  const shared = options.macros ?? {};
  return (tree: Root, file: VFile) => {
    const raw = options.output === 'raw' || (options.output !== 'hast' && !String(file.path ?? '').endsWith('.mdx'));
    const declared = articleOperators(tree);
    const macros = Object.keys(declared).length ? { ...shared, ...declared } : shared;
    const macroKey = Object.keys(declared).length ? JSON.stringify(declared) : '';
    visit(tree, 'element', (node: Element, index, parent: Parent | undefined) => {
      if (node.tagName !== 'code' || !classList(node).includes('language-math')) return undefined;
      if (!parent || index === undefined) return undefined;

      const inPre = parent.type === 'element' && (parent as Element).tagName === 'pre';
      const displayMode = inPre || classList(node).includes('math-display');
      const tex = toString(node);
      // Display math arrives as <pre><code>; the position lives on the <pre>.
      const located = node.position ? node : (parent as Element);

      let rendered: ElementContent[];
      try {
        rendered = toNodes(renderToHtml(tex, displayMode, macros, macroKey), raw);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report(file, located, {
          rule: 'math/invalid-tex',
          message: `invalid TeX: ${reason}\nformula: ${tex.trim()}`,
          fix: 'correct the formula, or build with KB_LENIENT=1 to publish it marked while you fix it',
        });
        rendered = [errorMark(tex, reason, { className: 'katex-error' })];
      }

      const wrapper: Element = {
        type: 'element',
        tagName: displayMode && inPre ? 'div' : 'span',
        properties: { className: ['math', displayMode ? 'math-display' : 'math-inline'] },
        children: rendered,
      };
      if (inPre) {
        // Replace the whole <pre>: find it in the grandparent. Its id (from a \label) stays.
        const pre = parent as Element;
        wrapper.properties = { ...pre.properties, ...wrapper.properties };
        pre.tagName = wrapper.tagName;
        pre.properties = wrapper.properties;
        pre.children = wrapper.children;
        return SKIP;
      }
      (parent.children as ElementContent[])[index] = wrapper;
      return SKIP;
    });
  };
}
