/**
 * Markup of other tools that this site does not read, left in an article: it would be
 * published as literal text, so each is reported (a warning with its line) with the tool
 * it comes from and the import that converts it (`npm run import -- --from …`):
 * Jekyll's Liquid (`{% … %}`, `{{ … }}`), kramdown's attribute lists (`{: … }`, `{:toc}`),
 * Hugo's shortcodes (`{{< … >}}`, `{{% … %}}`), MkDocs' admonitions and content tabs
 * (`!!! note`, `??? tip`, `=== "Tab"`) and Material's icon shortcodes (`:material-…:`).
 * Never silent literal text.
 */
import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './report.ts';

const FOREIGN: { pattern: RegExp; what: string; from: string }[] = [
  { pattern: /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}/, what: 'a Hugo shortcode', from: 'hugo' },
  { pattern: /\{%[\s\S]*?%\}/, what: "Jekyll's Liquid tag", from: 'jekyll' },
  { pattern: /\{\{[^{}]*\}\}/, what: "Jekyll's Liquid output", from: 'jekyll' },
  { pattern: /^\{:[^}]*\}/m, what: 'a kramdown attribute list', from: 'jekyll' },
  { pattern: /^(!!!|\?\?\?\+?)\s+[a-z]+/m, what: 'an MkDocs admonition', from: 'mkdocs' },
  { pattern: /^===\s+"[^"]*"/m, what: 'an MkDocs content tab', from: 'mkdocs' },
  { pattern: /:(material|fontawesome|octicons|simple)-[a-z0-9-]+:/, what: 'an MkDocs Material icon', from: 'mkdocs' },
];

export default function remarkForeignSyntax() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'text', (node: Text) => {
      if (!/[{!?=:]/.test(node.value)) return;
      for (const { pattern, what, from } of FOREIGN) {
        const match = pattern.exec(node.value);
        if (!match) continue;
        const shown = match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0];
        report(file, node, {
          severity: 'warning',
          rule: 'syntax/foreign',
          message: `"${shown}" is ${what}; this site does not read it, so it is shown as text`,
          fix: `convert the notes with  npm run import -- --from ${from} <source> <dest>, or rewrite it in Markdown`,
        });
        return;
      }
    });
  };
}
