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
import katex, { type KatexOptions } from 'katex';
import type { Element, ElementContent, Root, Parent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { expandPhysics, takeOperatorDeclarations } from '../lib/tex-extensions.ts';
import { isPageId } from '../lib/page-ids.ts';
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

/**
 * KaTeX commands that may run or restyle; refused in articles (they would only render as
 * red text). `\href` may point into the page (#…) or the site (/…), never elsewhere.
 */
const UNTRUSTED = /\\(htmlStyle|htmlClass|htmlId|htmlData|url|includegraphics)\b|\\href\s*\{(?!#|\/(?!\/))/;

/**
 * The anchors remark-equation-refs gives numbered rows, `\tag{\htmlId{id}{n}}`: the one
 * `\htmlId` allowed, and only for an id none of the site's own elements has.
 */
const ROW_ANCHOR = /\\tag\{\\htmlId\{([A-Za-z0-9_-]+)\}\{[^{}]*\}\}/g;
const withoutRowAnchors = (tex: string) =>
  tex.replace(ROW_ANCHOR, (anchor, id: string) => (isPageId(id) ? anchor : '\\tag{}'));

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
  const untrusted = UNTRUSTED.exec(withoutRowAnchors(tex))?.[0];
  if (untrusted)
    return `${untrusted.replace(/\s*\{$/, '').trim()} is not allowed in article formulas (it could restyle the page, load from elsewhere or link away)`;
  return undefined;
}

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

/** Takes the equation number (`.katex-tag`, the last child of `.katex-html`) out of the tree. */
function detachNumber(tree: KatexTree): KatexTree | undefined {
  const html = tree.children?.[0]?.children?.find((child) => child.classes?.includes('katex-html'));
  const last = html?.children?.at(-1);
  if (!html?.children || !last?.classes?.includes('katex-tag')) return undefined;
  html.children.pop();
  return last;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The physics package's commands are expanded for KaTeX; the annotation keeps the TeX as written. */
const keepWrittenTex = (html: string, tex: string, expanded: string) =>
  expanded === tex
    ? html
    : html.replace(
        /(<annotation encoding="application\/x-tex">)[\s\S]*?(<\/annotation>)/,
        (_, open: string, close: string) => `${open}${escapeText(tex)}${close}`,
      );

function renderFormula(
  tex: string,
  displayMode: boolean,
  macros: Record<string, string>,
  row: boolean,
  macroKey = '',
): Rendered {
  const key = `${row ? 'R' : displayMode ? 'D' : 'I'}\u0000${macroKey}\u0000${tex}`;
  let rendered = renderCache.get(key);
  if (rendered === undefined) {
    // Bounded: a 10,000-article library has hundreds of thousands of distinct formulas.
    if (renderCache.size >= 20_000) renderCache.clear();
    // What katex.renderToString does (the tree's markup), with the tree in hand on the way.
    const expanded = expandPhysics(tex);
    const tree = katexInternals.__renderToDomTree(expanded, {
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
    const html = keepWrittenTex(tree.toMarkup(), tex, expanded);
    rendered = number ? { html, number: number.toMarkup() } : { html };
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
    let count = 0;
    const declared = articleOperators(tree);
    const macros = Object.keys(declared).length ? { ...shared, ...declared } : shared;
    const macroKey = Object.keys(declared).length ? JSON.stringify(declared) : '';
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
        return place(rendering(renderFormula(tex, displayMode, macros, displayMode && inPre, macroKey)));
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
            const rendered = rendering(
              renderFormula(compatible.tex, displayMode, macros, displayMode && inPre, macroKey),
            );
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
