/**
 * Server-side KaTeX for the `code.language-math` elements that remark-math and
 * remark-math-delimiters produce.
 *
 * Differs from rehype-katex in what authors need from a strict build: invalid TeX is
 * reported with file, line and the offending formula, and published as the TeX, visibly
 * marked, so the rest of the page renders; shared macros come from one config; identical
 * formulas are rendered once per process.
 */
import katex, { type KatexOptions } from 'katex';
import type { Element, ElementContent, Root, Parent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { reserveBaseWidths, type KatexNode } from './katex-width.ts';
import { mathjaxRewrite } from './mathjax-compat.ts';
import { errorMark, report } from './report.ts';

export interface KatexStrictOptions {
  macros?: Record<string, string>;
  /** `raw` HTML nodes (default for Markdown) or parsed `hast` (default for MDX). */
  output?: 'raw' | 'hast';
}

/**
 * A rendered formula. A display formula's equation number is split off KaTeX's markup so
 * the page can give it a cell of its own beside the formula (see `displayRow`).
 */
interface Rendered {
  html: string;
  number?: string;
}

/** The part of KaTeX's build tree used here (`__renderToDomTree` is exported but not typed). */
interface KatexTree extends KatexNode {
  toMarkup(): string;
  children?: KatexTree[];
}
const katexInternals = katex as unknown as {
  __renderToDomTree(tex: string, options: KatexOptions): KatexTree;
  __domTree: { Span: new (classes: string[], children: KatexNode[]) => KatexTree };
};

/** An inline base that may not fit the line, in a box that scrolls (src/styles/math.css). */
const scrollBox = (base: KatexNode) => new katexInternals.__domTree.Span(['math-scroll'], [base]);

/** Rendered formulas by mode and TeX: the same formula (`d`, `\\theta`) recurs across a library. */
const renderCache = new Map<string, Rendered>();

/**
 * Bounds, so that no formula and no article costs more than a moment (hostile or runaway
 * TeX: a macro bomb, braces nested thousands deep, a `\rule` the size of a city, an article
 * of a hundred thousand formulas): each is refused with a clear message instead.
 */
export const MATH_LIMITS = {
  /** Macro expansions per formula (KaTeX's own guard against \def bombs). */
  maxExpand: 1000,
  /** Largest size in em any box may take (\rule, \kern, spacing). */
  maxSize: 20,
  /** Characters of TeX in one formula. */
  formulaLength: 10_000,
  /** Depth of nested braces in one formula (KaTeX recurses per level). */
  nesting: 100,
  /** Formulas in one article; the rest are shown as TeX. */
  formulas: 5_000,
};

/** KaTeX commands that may run or restyle; refused in articles (they would only render as red text). */
const UNTRUSTED = /\\(htmlStyle|htmlClass|htmlId|htmlData|url|includegraphics)\b|\\href\s*\{(?!#)/;

/** Why a formula is refused before KaTeX sees it, if it is. */
export function formulaLimitProblem(tex: string): string | undefined {
  if (tex.length > MATH_LIMITS.formulaLength)
    return `the formula is ${tex.length} characters long; at most ${MATH_LIMITS.formulaLength} are rendered`;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === '}') depth--;
  }
  if (deepest > MATH_LIMITS.nesting)
    return `the formula nests braces ${deepest} deep; at most ${MATH_LIMITS.nesting} levels are rendered`;
  const untrusted = UNTRUSTED.exec(tex)?.[0];
  if (untrusted)
    return `${untrusted.replace(/\s*\{$/, '').trim()} is not allowed in article formulas (it could restyle the page, load from elsewhere or link away)`;
  return undefined;
}

/** `\href` is trusted only for in-page anchors: equation references made by remark-equation-refs. */
const trustInPageLinks = (context: { command: string; url?: string }) =>
  context.command === '\\href' && typeof context.url === 'string' && context.url.startsWith('#');

/** Takes the equation number (`.katex-tag`, the last child of `.katex-html`) out of the tree. */
function detachNumber(tree: KatexTree): KatexTree | undefined {
  const html = tree.children?.[0]?.children?.find((child) => child.classes?.includes('katex-html'));
  const last = html?.children?.at(-1);
  if (!html?.children || !last?.classes?.includes('katex-tag')) return undefined;
  html.children.pop();
  return last;
}

function renderFormula(tex: string, displayMode: boolean, macros: Record<string, string>, row: boolean): Rendered {
  const key = `${row ? 'R' : displayMode ? 'D' : 'I'}\u0000${tex}`;
  let rendered = renderCache.get(key);
  if (rendered === undefined) {
    // Bounded: a 10,000-article library has hundreds of thousands of distinct formulas.
    if (renderCache.size >= 20_000) renderCache.clear();
    // What katex.renderToString does (the tree's markup), with the tree in hand on the way.
    const tree = katexInternals.__renderToDomTree(tex, {
      displayMode,
      // KaTeX mutates the macros object it is given (\gdef); hand it a copy.
      macros: { ...macros },
      throwOnError: true,
      trust: trustInPageLinks,
      maxExpand: MATH_LIMITS.maxExpand,
      maxSize: MATH_LIMITS.maxSize,
      // Chinese inside math (outside \text) is common in our articles and renders fine.
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
    reserveBaseWidths(tree, displayMode ? undefined : scrollBox);
    const number = row ? detachNumber(tree) : undefined;
    rendered = number ? { html: tree.toMarkup(), number: number.toMarkup() } : { html: tree.toMarkup() };
    renderCache.set(key, rendered);
  }
  return rendered;
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

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

/**
 * A display formula as a row of two cells: the formula, which scrolls sideways when it is
 * wider than the column, and its number, which stays put beside it. The number is drawn
 * from KaTeX's own tag markup; screen readers get it from the MathML, so the cell is hidden
 * from them, and from the search index (the TeX is indexed instead).
 */
function displayRow(rendered: Rendered, raw: boolean): ElementContent[] {
  const formula = element('div', { className: ['math-formula'] }, toNodes(rendered.html, raw));
  if (rendered.number === undefined) return [formula];
  const number = element(
    'span',
    { className: ['math-number'], ariaHidden: 'true', dataPagefindIgnore: '' },
    toNodes(rendered.number, raw),
  );
  return [formula, number];
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
    let count = 0;
    visit(tree, 'element', (node: Element, index, parent: Parent | undefined) => {
      if (node.tagName !== 'code' || !classList(node).includes('language-math')) return undefined;
      if (!parent || index === undefined) return undefined;
      if (++count === MATH_LIMITS.formulas + 1) {
        report(file, node.position ? node : (parent as Element), {
          rule: 'math/too-many',
          message: `the article has more than ${MATH_LIMITS.formulas} formulas; the rest are shown as TeX, not rendered`,
          fix: 'split it into parts published as a series (series: <id>, seriesOrder: 1, 2, …)',
        });
      }
      if (count > MATH_LIMITS.formulas) return SKIP;

      const inPre = parent.type === 'element' && (parent as Element).tagName === 'pre';
      const displayMode = inPre || classList(node).includes('math-display');
      const tex = toString(node);
      // Display math arrives as <pre><code>; the position lives on the <pre>.
      const located = node.position ? node : (parent as Element);
      const place = (children: ElementContent[]) => placeFormula(parent, index, { inPre, displayMode, children });

      const refused = formulaLimitProblem(tex);
      if (refused) {
        report(file, located, {
          rule: 'math/refused',
          message: `${refused}\nformula: ${tex.trim().slice(0, 200)}${tex.length > 200 ? '…' : ''}`,
          fix: /not allowed/.test(refused)
            ? 'remove the command; put a link next to the formula in Markdown, [text](https://…), and leave styling to the site'
            : 'simplify or split the formula',
        });
        return place([errorMark(tex.slice(0, 2000), refused, { className: 'katex-error' })]);
      }
      const rendering = (rendered: Rendered) =>
        displayMode && inPre ? displayRow(rendered, raw) : toNodes(rendered.html, raw);

      try {
        return place(rendering(renderFormula(tex, displayMode, macros, displayMode && inPre)));
      } catch (error) {
        // A stack overflow is KaTeX recursing too deep: say so, not "Maximum call stack".
        const reason =
          error instanceof RangeError
            ? 'the formula is nested too deeply to render'
            : error instanceof Error
              ? error.message
              : String(error);
        // Written for MathJax? Then it may render once rewritten the way KaTeX reads it.
        const compatible = mathjaxRewrite(tex);
        if (compatible.habits.length > 0) {
          try {
            const rendered = rendering(renderFormula(compatible.tex, displayMode, macros, displayMode && inPre));
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
        return place([errorMark(tex, reason, { className: 'katex-error' })]);
      }
    });
  };
}
