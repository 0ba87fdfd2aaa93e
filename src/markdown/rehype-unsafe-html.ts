/**
 * Raw HTML in an article may format, not run code. A <script>, an event handler such as
 * onerror=, or a javascript: link would run in readers' browsers (the Content-Security-
 * Policy blocks it, so at best it is dead weight and a console error): it is reported
 * with how to show the text instead, and left out of the page. Markdown's raw HTML arrives as `raw` nodes; MDX's
 * as elements; both are checked.
 */
import type { Element, Root } from 'hast';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './report.ts';

const ACTIVE_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'base', 'frame', 'frameset']);
const ACTIVE_TAG = /<\s*(script|iframe|object|embed|base|frame|frameset)\b/i;
const EVENT_HANDLER = /<[a-z][^>]*\s(on[a-z]+)\s*=/i;
const SCRIPT_URL = /\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i;

const ADVICE =
  'to show it as text, escape the < as \\< or put it in `backticks`; interactive content belongs in a component used from an .mdx article';

/** Why a piece of raw HTML is not allowed, or undefined. */
export function unsafeHtmlProblem(html: string): string | undefined {
  const tag = ACTIVE_TAG.exec(html)?.[1];
  if (tag) return `raw HTML <${tag.toLowerCase()}> is not allowed in an article: it would run in readers' browsers`;
  const handler = EVENT_HANDLER.exec(html)?.[1];
  if (handler)
    return `raw HTML with an event handler (${handler.toLowerCase()}=) is not allowed in an article: it would run in readers' browsers`;
  if (SCRIPT_URL.test(html))
    return `a javascript: link is not allowed in an article: it would run in readers' browsers`;
  return undefined;
}

export default function rehypeUnsafeHtml() {
  return (tree: Root, file: VFile) => {
    const refuse = (node: Node, message: string) => report(file, node, { rule: 'html/unsafe', message, fix: ADVICE });
    visit(tree, (node, index, parent) => {
      let problem: string | undefined;
      if (node.type === 'raw') {
        problem = unsafeHtmlProblem(node.value);
      } else if (node.type === 'element') {
        const element = node as Element;
        const handler = Object.keys(element.properties).find(
          (name) => /^on[A-Z]/.test(name) || /^on[a-z]+$/.test(name),
        );
        const url = [element.properties.href, element.properties.src].find(
          (value) => typeof value === 'string' && /^\s*javascript:/i.test(value),
        );
        if (ACTIVE_TAGS.has(element.tagName)) problem = unsafeHtmlProblem(`<${element.tagName}>`);
        else if (handler)
          problem = `an element with an event handler (${handler}) is not allowed in an article: it would run in readers' browsers`;
        else if (url) problem = `a javascript: link is not allowed in an article: it would run in readers' browsers`;
      }
      if (!problem || !parent || index === undefined) return undefined;
      refuse(node, problem);
      // Left out of the page, not published "disarmed".
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
