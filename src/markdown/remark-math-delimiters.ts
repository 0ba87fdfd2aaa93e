/**
 * `\(…\)` and `\[…\]` as math, next to remark-math's `$…$` and `$$…$$`.
 *
 * Many Chinese ML blogs and MathJax users write LaTeX's own delimiters. CommonMark reads
 * `\(` as an escaped parenthesis, so by the time a plain remark plugin sees the tree the
 * backslashes are gone and `_`/`*` inside the formula may already be emphasis. The only
 * robust place is the tokenizer: this adds a micromark construct that runs before the
 * character escape and emits the same tokens as remark-math's inline math, so
 * mdast-util-math builds ordinary `inlineMath` nodes.
 *
 * `\[…\]` (and one-line `$$…$$`) becomes a display `math` node when it stands alone in its
 * paragraph, the usual way of writing it; `\[…\]` inside a sentence stays display-style.
 */
import type { Root, Paragraph, RootContent } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import { mathFromMarkdown } from 'mdast-util-math';
// Token names (mathText, …) and mdast node types (math, inlineMath) are declared there.
import type {} from 'micromark-extension-math';
import type { Code, Construct, Effects, State, TokenizeContext, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';

const BACKSLASH = 92;
const LEFT_PAREN = 40;
const RIGHT_PAREN = 41;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

/** micromark encodes line endings as negative codes below -2 (CR, LF, CRLF). */
const isLineEnding = (code: Code) => code !== null && code < -2;

function tokenizeBackslashMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let close = RIGHT_PAREN;

  const start: State = (code) => {
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    effects.consume(code);
    return open;
  };

  const open: State = (code) => {
    if (code !== LEFT_PAREN && code !== LEFT_BRACKET) return nok(code);
    close = code === LEFT_PAREN ? RIGHT_PAREN : RIGHT_BRACKET;
    effects.consume(code);
    effects.exit('mathTextSequence');
    return between;
  };

  const between: State = (code) => {
    if (code === null) return nok(code);
    if (isLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return between;
    }
    if (code === BACKSLASH) return maybeClose(code);
    effects.enter('mathTextData');
    return data(code);
  };

  const data: State = (code) => {
    if (code === null || isLineEnding(code) || code === BACKSLASH) {
      effects.exit('mathTextData');
      return between(code);
    }
    effects.consume(code);
    return data;
  };

  let pending: ReturnType<Effects['enter']>;

  const maybeClose: State = (code) => {
    pending = effects.enter('mathTextSequence');
    effects.consume(code);
    return afterBackslash;
  };

  const afterBackslash: State = (code) => {
    if (code === close) {
      effects.consume(code);
      effects.exit('mathTextSequence');
      effects.exit('mathText');
      return ok;
    }
    // Not a closing delimiter: the backslash starts a TeX command such as `\frac`.
    pending.type = 'mathTextData';
    if (code === null || isLineEnding(code)) {
      effects.exit('mathTextData');
      return between(code);
    }
    // Keep `\\` and `\)` (when closing with `\]`) as one unit so they never close early.
    effects.consume(code);
    return data;
  };

  return start;
}

const backslashMath: Construct = { name: 'backslashMath', tokenize: tokenizeBackslashMath };

export const backslashMathSyntax: Extension = { text: { [BACKSLASH]: backslashMath } };

/**
 * A paragraph that is nothing but `\[…\]` or `$$…$$` is a display formula, even when written
 * on one line (remark-math alone would render `$$x$$` on one line inline).
 */
const DISPLAY_OPENERS = ['\\[', '$$'];

/** Where a node came from in the source, to tell `\[` apart from `\(` and `$`. */
function opener(source: string, node: InlineMath): string {
  const offset = node.position?.start.offset;
  return offset === undefined ? '' : source.slice(offset, offset + 2);
}

/**
 * The display `math` node remark-math makes from `$$` lines (`<pre><code class="language-math
 * math-display">`), standing where `paragraph` was; remark-equation-ids makes the same.
 */
export function displayMath(value: string, paragraph: Paragraph): Math {
  return {
    type: 'math',
    value,
    position: paragraph.position,
    data: {
      hName: 'pre',
      hChildren: [
        {
          type: 'element',
          tagName: 'code',
          properties: { className: ['language-math', 'math-display'] },
          children: [{ type: 'text', value }],
        },
      ],
    },
  };
}

export default function remarkMathDelimiters(this: Processor) {
  const data = this.data() as {
    micromarkExtensions?: Extension[];
    fromMarkdownExtensions?: unknown[];
  };
  (data.micromarkExtensions ??= []).push(backslashMathSyntax);
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());

  return (tree: Root, file: { value: unknown }) => {
    const source = String(file.value);
    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const only = meaningful.length === 1 ? meaningful[0] : undefined;
      if (
        only?.type === 'inlineMath' &&
        DISPLAY_OPENERS.includes(opener(source, only)) &&
        parent &&
        index !== undefined
      ) {
        parent.children.splice(index, 1, displayMath(only.value.trim(), paragraph) as RootContent);
        return SKIP;
      }
      for (const child of paragraph.children) {
        if (child.type === 'inlineMath' && opener(source, child) === '\\[') {
          child.data = {
            ...child.data,
            hProperties: { className: ['language-math', 'math-display'] },
          };
        }
      }
      return undefined;
    });
  };
}
