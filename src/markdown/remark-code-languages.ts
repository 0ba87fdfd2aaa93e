/**
 * Code fences before Shiki sees them: a language Shiki does not know is a warning with the
 * file and line (Shiki falls back to plain text on its own, but says so without naming the
 * file); a block too large to highlight in a moment is shown as plain text, with a warning;
 * line-highlight ranges (`{1,3-4}`) are clamped to the block's real lines, so that
 * `{1-99999999}` costs nothing.
 */
import type { Code, Root } from 'mdast';
import { bundledLanguagesInfo } from 'shiki';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './report.ts';

const PLAIN = ['text', 'txt', 'plain', 'plaintext', 'ansi', 'math', 'console'];

export const knownLanguages = new Set<string>([
  ...PLAIN,
  ...bundledLanguagesInfo.flatMap((info) => [info.id, ...(info.aliases ?? [])]),
]);

/** Characters of code highlighted per block; a larger block is shown as plain text. */
export const MAX_HIGHLIGHTED = 100_000;

/**
 * The language a too-large block is given: excluded from Shiki (see pipeline.ts), so it is
 * published as one escaped text node instead of a span per line and token.
 */
export const UNHIGHLIGHTED = 'kb-unhighlighted';

/** `{1,3-4}` in a fence's meta with every range inside 1…lines (dropped when none is). */
export function clampHighlights(meta: string, lines: number): string {
  return meta.replace(/\{([\d\s,-]*)\}/g, (_whole, ranges: string) => {
    const kept = ranges
      .split(',')
      .map((range) => range.trim().split('-').map(Number))
      .filter(([from]) => Number.isFinite(from) && from! >= 1 && from! <= lines)
      .map(([from, to]) =>
        to === undefined || !Number.isFinite(to) ? `${from}` : `${from}-${Math.min(Math.max(to, from!), lines)}`,
      );
    return kept.length > 0 ? `{${kept.join(',')}}` : '';
  });
}

export default function remarkCodeLanguages() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (node: Code) => {
      if (node.meta && /\{[\d\s,-]*\}/.test(node.meta))
        node.meta = clampHighlights(node.meta, node.value.split('\n').length) || null;
      if (node.value.length > MAX_HIGHLIGHTED && node.lang !== 'math') {
        report(file, node, {
          severity: 'warning',
          rule: 'code/too-large',
          message: `this code block is ${node.value.length} characters long; blocks over ${MAX_HIGHLIGHTED} are shown without highlighting`,
          fix: 'shorten it, or link to the file instead of including it',
        });
        node.lang = UNHIGHLIGHTED;
        node.meta = null;
        return;
      }
      const lang = node.lang?.toLowerCase();
      if (lang && !knownLanguages.has(lang)) {
        report(file, node, {
          severity: 'warning',
          rule: 'code/unknown-language',
          message: `unknown code language "${node.lang}"; it is shown as plain text`,
          fix: 'use a Shiki language id such as python, cpp, bash or text',
        });
        // Said once, here, with the file; Shiki would say it again without one.
        node.lang = 'plaintext';
      }
    });
  };
}
