/**
 * Warn, with file and line, about code fences whose language Shiki does not know. Shiki
 * falls back to plain text on its own, but only says so without naming the file.
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

export default function remarkCodeLanguages() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (node: Code) => {
      const lang = node.lang?.toLowerCase();
      if (lang && !knownLanguages.has(lang)) {
        report(file, node, {
          severity: 'warning',
          rule: 'code/unknown-language',
          message: `unknown code language "${node.lang}"; it is shown as plain text`,
          fix: 'use a Shiki language id such as python, cpp, bash or text',
        });
      }
    });
  };
}
