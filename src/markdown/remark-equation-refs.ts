/**
 * Numbered equations and cross-references, the way MathJax users write them.
 *
 * KaTeX renders one formula at a time and knows nothing of `\label` or `\eqref` across a
 * document, so this plugin does the bookkeeping on the Markdown tree before KaTeX runs:
 * - a display formula with `\label{eq:x}` gets the next number as `\tag{n}` (or keeps the
 *   `\tag{…}` its author wrote) and an anchor id;
 * - `\eqref{eq:x}` / `\ref{eq:x}` in prose become links showing "(n)" / "n", and inside
 *   formulas become `\href{#id}{…}` (KaTeX trusts only such in-page links here).
 * References may come before the definition. Unknown and duplicate labels are reported;
 * an unknown reference is published as "(?)" so the sentence still reads.
 *
 * `\begin{align}` and `\begin{gather}` number every row (LaTeX's rule; a row with
 * `\nonumber`/`\notag` has none), each row taking its own `\label`; `\begin{equation}`
 * is numbered like a labelled formula. Every number is registered as a label
 * (src/markdown/labels.ts), so Quarto's `@eq-x` resolves too, and `\eqref{slug#eq:x}`
 * refers to an equation of another article (looked up by remark-article-refs).
 */
import type { Root, Text, Link, PhrasingContent, Parent, Nodes } from 'mdast';
import type { Math, InlineMath } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import { closestNames } from '../lib/bibliography.ts';
import { withBase } from '../lib/url.ts';
import { registerLabel } from './labels.ts';
import { report } from './report.ts';

interface Equation {
  id: string;
  number: string;
  node: Math;
  /** Another article's equation: its URL (base path included) and the title it has. */
  href?: string;
  article?: string;
}

export interface EquationRefOptions {
  /** The site's base path, for links into other articles from inside formulas. */
  base?: string;
}

/** Numbered environments: every row gets a number unless it says \nonumber or \notag. */
const NUMBERED_ENV = /\\begin\{(align|gather|equation)\}([\s\S]*?)\\end\{\1\}/g;

/** Splits an environment's body at its top-level `\\` (not inside braces or inner environments). */
export function splitRows(body: string): string[] {
  const rows: string[] = [];
  let depth = 0;
  let env = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\') {
      if (body.startsWith('\\begin{', i)) env++;
      else if (body.startsWith('\\end{', i)) env--;
      else if (body[i + 1] === '\\' && depth === 0 && env === 0) {
        rows.push(body.slice(start, i));
        start = i + 2;
      }
      i++;
    } else if (char === '{') depth++;
    else if (char === '}') depth--;
  }
  rows.push(body.slice(start));
  return rows;
}

const LABEL = /\\label\{([^}]*)\}/g;
const TAG = /\\tag\*?\{([^}]*)\}/;
const REF = /\\(eqref|ref)\{([^}]*)\}/g;

export function equationId(label: string): string {
  return label
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function collectLabels(tree: Root, file: VFile): Map<string, Equation> {
  const equations = new Map<string, Equation>();
  let counter = 0;
  const define = (label: string, equation: Equation) => {
    equations.set(label, equation);
    registerLabel(
      file,
      [...new Set([label, equation.id])],
      { id: equation.id, kind: 'eq', number: equation.number, name: label, line: equation.node.position?.start.line },
      equation.node,
    );
  };
  visit(tree, 'math', (node: Math) => {
    if (NUMBERED_ENV.test(node.value)) {
      NUMBERED_ENV.lastIndex = 0;
      setTex(
        node,
        node.value.replace(NUMBERED_ENV, (_whole, env: string, body: string) => {
          const rows = splitRows(body).map((row) => {
            const rowLabels = [...row.matchAll(LABEL)].map((match) => match[1]!.trim());
            const stripped = row.replace(LABEL, '');
            if (/\\(nonumber|notag)\b/.test(row) || (rowLabels.length === 0 && !row.trim())) return stripped;
            const written = TAG.exec(row)?.[1];
            const number = written ?? String(++counter);
            const label = rowLabels[0];
            if (rowLabels.length > 1) {
              report(file, node, {
                rule: 'equation/several-labels',
                message: `one row carries ${rowLabels.length} labels (${rowLabels.join(', ')})`,
                fix: 'keep one \\label per row',
              });
            }
            let id = '';
            if (label) {
              const previous = equations.get(label);
              if (previous) {
                report(file, node, {
                  rule: 'equation/duplicate-label',
                  message: `duplicate equation label "${label}" (first defined on line ${previous.node.position?.start.line})`,
                  fix: 'labels must be unique within an article: rename one of them',
                });
              } else {
                id = equationId(label);
                define(label, { id, number, node });
              }
            }
            const shown = id ? `\\htmlId{${id}}{${number}}` : number;
            return written === undefined ? `${stripped} \\tag{${shown}}` : stripped.replace(TAG, `\\tag{${shown}}`);
          });
          return `\\begin{${env}}${rows.join('\\\\')}\\end{${env}}`;
        }),
      );
      return;
    }
    const labels = [...node.value.matchAll(LABEL)].map((match) => match[1]!.trim());
    if (labels.length === 0) return;
    if (labels.length > 1) {
      report(file, node, {
        rule: 'equation/several-labels',
        message: `one display formula carries ${labels.length} labels (${labels.join(', ')}); KaTeX numbers a whole block`,
        fix: 'keep one \\label per $$…$$ block, or split the block',
      });
    }
    const label = labels[0]!;
    if (!label) {
      report(file, node, {
        rule: 'equation/empty-label',
        message: 'empty \\label{}',
        fix: 'give the equation a name such as \\label{eq:loss}',
      });
    }
    const previous = equations.get(label);
    if (previous) {
      const line = previous.node.position?.start.line;
      report(file, node, {
        rule: 'equation/duplicate-label',
        message: `duplicate equation label "${label}" (first defined on line ${line})`,
        fix: 'labels must be unique within an article: rename one of them',
      });
    }
    const written = TAG.exec(node.value)?.[1];
    const number = written ?? String(++counter);
    const id = equationId(label);
    // Only the first label becomes the number; further ones (reported above) are dropped.
    let first = true;
    const tag = written === undefined ? `\\tag{${number}}` : '';
    setTex(
      node,
      node.value.replace(LABEL, () => (first ? ((first = false), tag) : '')),
    );
    if (!previous) {
      node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
      define(label, { id, number, node });
    }
  });
  return equations;
}

/**
 * mdast-util-math copies the TeX into `data.hChildren` when parsing, and remark-rehype
 * renders from there; a rewrite must update both.
 */
function setTex(node: Math | InlineMath, tex: string): void {
  node.value = tex;
  const text = [{ type: 'text' as const, value: tex }];
  if (node.type === 'math') {
    const code = node.data?.hChildren?.[0];
    if (code && code.type === 'element') code.children = text;
  } else if (node.data?.hChildren) {
    node.data.hChildren = text;
  }
}

/** An unknown label still gets an equation, numbered "?", so the text around it renders. */
const UNKNOWN: Omit<Equation, 'node'> = { id: '', number: '?' };

function lookup(
  equations: Map<string, Equation>,
  label: string,
  file: VFile,
  node: Text | Math | InlineMath,
): Omit<Equation, 'node'> {
  const other = label.includes('#') ? otherArticleEquation(label.trim(), file, node) : undefined;
  if (other !== undefined) return other;
  const equation = equations.get(label.trim());
  if (!equation) {
    const known = [...equations.keys()];
    report(file, node, {
      rule: 'equation/unknown-label',
      message: `\\eqref{${label}} refers to no equation`,
      fix: known.length
        ? `use one of the labels in this article: ${known.join(', ')}`
        : 'this article defines no \\label{…} yet: add one to the equation you mean',
    });
    return UNKNOWN;
  }
  return equation;
}

/**
 * `slug#eq:x`: an equation of another article, from what remark-article-refs looked up.
 * Undefined when the label is not of that form or the article is not known at all (then
 * the label is treated as this article's, and reported as unknown).
 */
function otherArticleEquation(label: string, file: VFile, node: Text | Math | InlineMath) {
  const [slug, name] = label.split('#') as [string, string];
  const article = file.data.otherArticles?.get(slug);
  if (!article) return undefined;
  const found = article.labels.find((other) => other.kind === 'eq' && (other.name === name || other.id === name));
  if (!found) {
    const near = closestNames(
      name,
      article.labels.filter((other) => other.kind === 'eq').map((other) => other.name ?? other.id),
    );
    report(file, node, {
      rule: 'equation/unknown-label',
      message: `\\eqref{${label}}: the article "${slug}" has no equation labelled "${name}"`,
      fix: near.length ? `its labels closest to that: ${near.join(', ')}` : `"${slug}" labels no equation`,
    });
    return UNKNOWN;
  }
  return { id: found.id, number: found.number, href: `/articles/${slug}/#${found.id}`, article: article.title };
}

function texReferences(
  tex: string,
  equations: Map<string, Equation>,
  file: VFile,
  node: Math | InlineMath,
  base: string,
): string {
  return tex.replace(REF, (_, kind: string, label: string) => {
    const { id, number, href } = lookup(equations, label, file, node);
    const shown = `\\text{${kind === 'eqref' ? `(${number})` : number}}`;
    if (href) return `\\href{${withBase(base, href)}}{${shown}}`;
    return id ? `\\href{#${id}}{${shown}}` : shown;
  });
}

function referenceLink(equation: Omit<Equation, 'node'>, kind: string): Link | Text {
  const number = kind === 'eqref' ? `(${equation.number})` : equation.number;
  const shown = equation.article ? t.crossArticle(equation.article, `${t.labelKinds.eq} ${number}`) : number;
  if (!equation.id) return { type: 'text', value: shown };
  return {
    type: 'link',
    url: equation.href ?? `#${equation.id}`,
    data: {
      hProperties: {
        className: equation.href ? ['eqref', 'crossref', 'crossref-article'] : ['eqref'],
        dataEquation: equation.id,
      },
    },
    children: [{ type: 'text', value: shown }],
  };
}

export default function remarkEquationRefs(options: EquationRefOptions = {}) {
  const base = options.base ?? '/';
  return (tree: Root, file: VFile) => {
    const equations = collectLabels(tree, file);

    visit(tree, (visited, index, parent: Parent | undefined) => {
      const node = visited as Nodes;
      if (node.type === 'math') {
        setTex(node, texReferences(node.value, equations, file, node, base));
        return;
      }
      if (node.type === 'inlineMath') {
        // `$\eqref{eq:x}$` alone is a prose reference written inside math: make it a link.
        const alone = /^\s*\\(eqref|ref)\{([^}]*)\}\s*$/.exec(node.value);
        if (alone && parent && index !== undefined) {
          parent.children[index] = referenceLink(lookup(equations, alone[2]!, file, node), alone[1]!) as never;
          return;
        }
        setTex(node, texReferences(node.value, equations, file, node, base));
        return;
      }
      if (node.type === 'text' && parent && index !== undefined && node.value.includes('ref{')) {
        const pieces: PhrasingContent[] = [];
        let last = 0;
        for (const match of node.value.matchAll(REF)) {
          const at = match.index;
          if (at > last) pieces.push({ type: 'text', value: node.value.slice(last, at) });
          pieces.push(referenceLink(lookup(equations, match[2]!, file, node), match[1]!));
          last = at + match[0].length;
        }
        if (pieces.length === 0) return;
        if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
        parent.children.splice(index, 1, ...(pieces as never[]));
        return index + pieces.length;
      }
      return;
    });
  };
}
