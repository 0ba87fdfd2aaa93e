/**
 * `$` in prose: a price stays text, a formula left open fails the build.
 *
 * remark-math pairs any two `$` in a paragraph, so "costs $5 per month, or $50 a year"
 * becomes one garbled formula. Pandoc's rule tells prices from math: an opening `$` is
 * followed by a non-space, a closing `$` follows a non-space and is not followed by a digit.
 * Pairs that break it are turned back into the text the author wrote.
 *
 * What is left is a `$` that opens a formula and never closes it (`$\alpha + 1` with no
 * second `$`), and a `$$` block that runs to the end of the file: both are mistakes that
 * would otherwise publish silently, so they are reported with the line. A runaway `$$`
 * block is published as the text it swallowed, so the rest of the article stays readable.
 */
import type { Paragraph, Root, Text } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './report.ts';

/** A `$` followed by TeX (a command, or a sub/superscript): the start of a formula. */
const OPEN_FORMULA = /(?<![\\$])\$(?=\\[A-Za-z]|[A-Za-z0-9]{1,3}[_^])/;

export function isProseDollarPair(source: string, start: number, end: number): boolean {
  const written = source.slice(start, end);
  if (!written.startsWith('$') || written.startsWith('$$')) return false;
  const inner = written.slice(1, -1);
  return /^\s/.test(inner) || /\s$/.test(inner) || /^\d/.test(source.charAt(end));
}

export default function remarkDollarMath() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);

    visit(tree, 'math', (node: Math, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !parent || index === undefined) return undefined;
      const written = source.slice(start, end).trimEnd();
      // A closing fence may carry Quarto's equation id: `$$ {#eq-x}` (remark-equation-ids.ts).
      const closing = written.replace(/\s*\{#[^\s{}]*\}$/, '');
      if (!written.startsWith('$$') || (closing.length >= 4 && closing.endsWith('$$'))) return undefined;
      report(file, node, {
        rule: 'math/unclosed-display',
        message: 'this $$ display formula is never closed (it runs to the end of the file)',
        fix: 'add a line with $$ after the formula',
      });
      const text: Paragraph = {
        type: 'paragraph',
        // The text keeps the block's place, so what is reported inside it has a line.
        children: [{ type: 'text', value: written, position: node.position }],
        position: node.position,
      };
      parent.children.splice(index, 1, text as never);
      return SKIP;
    });

    visit(tree, 'inlineMath', (node: InlineMath, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !parent || index === undefined) return undefined;
      if (!isProseDollarPair(source, start, end)) return undefined;
      const text: Text = { type: 'text', value: source.slice(start, end), position: node.position };
      parent.children.splice(index, 1, text);
      return SKIP;
    });

    visit(tree, 'text', (node: Text) => {
      // Looked for in the text as written: `\$` is the author's escaped dollar sign (the fix
      // this very message suggests), but the parsed text has lost its backslash.
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      const written = from !== undefined && to !== undefined ? source.slice(from, to) : node.value;
      const match = OPEN_FORMULA.exec(written);
      if (!match) return;
      const snippet = written.slice(match.index, match.index + 24);
      const start = node.position?.start;
      const before = written.slice(0, match.index).split('\n');
      const at = start && {
        position: {
          start: {
            line: start.line + before.length - 1,
            column: before.length > 1 ? before.at(-1)!.length + 1 : start.column + before[0]!.length,
          },
        },
      };
      report(file, at ?? node, {
        rule: 'math/unclosed-inline',
        message: `"${snippet}…": a $ opens a formula that is never closed`,
        fix: 'end the formula with $, or write \\$ for a dollar sign',
      });
    });
  };
}
