/**
 * Quarto's equation ids: `$$ … $$ {#eq-softmax}`, the id written after the closing `$$`,
 * either on the closing fence of a block or after a one-line formula. Each becomes the
 * `\label{eq-softmax}` it stands for, so numbering and `@eq-softmax` / `\eqref{eq-softmax}`
 * work exactly as for a label written inside the formula (remark-equation-refs.ts).
 *
 * remark-math reads `$$ {#eq-x}` as a formula line, not as the closing fence, so the block
 * would run on to the end of the file. That can only be fixed in the tokenizer: this adds a
 * micromark construct tried before remark-math's own (this plugin is registered after
 * remark-math, and later extensions go first). It takes a `$$` block only when its first
 * closing fence carries `{#…}`, and emits remark-math's own tokens (so mdast-util-math
 * builds an ordinary `math` node) plus one for the id, kept as the node's meta; any other
 * block is left to remark-math untouched.
 */
import type { Paragraph, Root, RootContent, Text } from 'mdast';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { InlineMath, Math } from 'mdast-util-math';
// Token names (mathFlow, …) and mdast node types (math, inlineMath) are declared there.
import type {} from 'micromark-extension-math';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { displayMath } from './remark-math-delimiters.ts';
import { report } from './report.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** The look ahead for a labelled closing fence (its tokens are discarded). */
    mathFlowLookahead: 'mathFlowLookahead';
    /** `{#eq-x}` after a closing `$$`. */
    mathFlowId: 'mathFlowId';
  }
}

const DOLLAR = 36;
const LEFT_BRACE = 123;

/** micromark encodes line endings as negative codes below -2, tabs and virtual spaces as -2 and -1. */
const isLineEnding = (code: Code) => code !== null && code < -2;
const isSpace = (code: Code) => code === -2 || code === -1 || code === 32;
const isEnd = (code: Code) => code === null || isLineEnding(code);

/** The id part after a closing `$$`: `{#eq-x}`, spaces around it allowed. */
const ID = /^\s*\{#([^\s{}]*)\}\s*$/;

/**
 * Looks ahead (inside `effects.check`, so its tokens are thrown away): a `$$` line, then
 * formula lines, then a fence of at least as many `$` followed by `{…}`. A plain closing
 * fence first means an ordinary block: no.
 */
function tokenizeLookahead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let open = 0;
  let run = 0;

  const start: State = (code) => {
    effects.enter('mathFlowLookahead');
    return opening(code);
  };
  const opening: State = (code) => {
    if (code === DOLLAR) {
      open++;
      effects.consume(code);
      return opening;
    }
    return open >= 2 ? afterOpening(code) : nok(code);
  };
  const afterOpening: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return afterOpening;
    }
    return isLineEnding(code) ? lineEnding(code) : nok(code);
  };
  const lineEnding: State = (code) => {
    if (code === null) return nok(code);
    effects.consume(code);
    run = 0;
    return lineStart;
  };
  const lineStart: State = (code) => {
    if (code === DOLLAR) {
      run++;
      effects.consume(code);
      return lineStart;
    }
    return run >= open ? afterFence(code) : rest(code);
  };
  const afterFence: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return afterFence;
    }
    if (code === LEFT_BRACE) return ok(code);
    // A plain closing fence: an ordinary block, remark-math's.
    return isEnd(code) ? nok(code) : rest(code);
  };
  const rest: State = (code) => {
    if (code === null) return nok(code);
    if (isLineEnding(code)) return lineEnding(code);
    effects.consume(code);
    return rest;
  };
  return start;
}

const lookahead: Construct = { tokenize: tokenizeLookahead, partial: true };

function tokenizeLabelledMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;

  /** The closing fence with its `{#…}`, as remark-math's fence with a meta string. */
  function tokenizeClosing(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let run = 0;
    const start: State = (code) => {
      effects.enter('mathFlowFence');
      effects.enter('mathFlowFenceSequence');
      return sequence(code);
    };
    const sequence: State = (code) => {
      if (code === DOLLAR) {
        run++;
        effects.consume(code);
        return sequence;
      }
      if (run < size) return nok(code);
      effects.exit('mathFlowFenceSequence');
      return space(code);
    };
    const space: State = (code) => {
      if (isSpace(code)) {
        effects.enter('whitespace');
        return spaces(code);
      }
      if (code !== LEFT_BRACE) return nok(code);
      effects.enter('mathFlowId');
      return meta(code);
    };
    const spaces: State = (code) => {
      if (isSpace(code)) {
        effects.consume(code);
        return spaces;
      }
      effects.exit('whitespace');
      return space(code);
    };
    const meta: State = (code) => {
      if (isEnd(code)) {
        effects.exit('mathFlowId');
        effects.exit('mathFlowFence');
        return ok(code);
      }
      effects.consume(code);
      return meta;
    };
    return start;
  }
  const closing: Construct = { tokenize: tokenizeClosing, partial: true };

  const start: State = (code) => (code === DOLLAR ? effects.check(lookahead, open, nok)(code) : nok(code));
  const open: State = (code) => {
    effects.enter('mathFlow');
    effects.enter('mathFlowFence');
    effects.enter('mathFlowFenceSequence');
    return openSequence(code);
  };
  const openSequence: State = (code) => {
    if (code === DOLLAR) {
      size++;
      effects.consume(code);
      return openSequence;
    }
    effects.exit('mathFlowFenceSequence');
    return openSpace(code);
  };
  const openSpace: State = (code) => {
    if (isSpace(code)) {
      effects.enter('whitespace');
      return openSpaces(code);
    }
    effects.exit('mathFlowFence');
    return lineEnding(code);
  };
  const openSpaces: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return openSpaces;
    }
    effects.exit('whitespace');
    return openSpace(code);
  };
  const lineEnding: State = (code) => {
    // The lookahead saw the labelled fence, so the block cannot end before it.
    if (!isLineEnding(code)) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  };
  const lineStart: State = (code) =>
    code === DOLLAR ? effects.attempt(closing, after, contentStart)(code) : contentStart(code);
  const contentStart: State = (code) => {
    if (isEnd(code)) return lineEnding(code);
    effects.enter('mathFlowValue');
    return content(code);
  };
  const content: State = (code) => {
    if (isEnd(code)) {
      effects.exit('mathFlowValue');
      return lineEnding(code);
    }
    effects.consume(code);
    return content;
  };
  const after: State = (code) => {
    effects.exit('mathFlow');
    return ok(code);
  };
  return start;
}

const labelledMath: Construct = { name: 'mathFlowLabelled', tokenize: tokenizeLabelledMath, concrete: true };

export const labelledMathSyntax: Extension = { flow: { [DOLLAR]: labelledMath } };

/**
 * The id token, read as the math node's meta. The formula's text is being buffered at that
 * point (mdast-util-math collects it until the block ends), so the node is found below the
 * top of the stack rather than at it.
 */
const labelledMathFromMarkdown: FromMarkdownExtension = {
  exit: {
    mathFlowId(token) {
      const node = [...this.stack].reverse().find((entry) => entry.type === 'math');
      if (node?.type === 'math') node.meta = this.sliceSerialize(token);
    },
  },
};

/** The TeX a `{#id}` stands for, or a problem: Quarto's equation ids start with eq-. */
function labelFor(id: string, file: VFile, node: Math | Text): string | undefined {
  if (/^eq-[\w-]+$/.test(id)) return `\\label{${id}}`;
  report(file, node, {
    rule: 'math/equation-id',
    message: `{#${id}} after a formula: an equation's id starts with eq-`,
    fix: `write {#eq-${id.replace(/^[a-z]+-/, '') || 'name'}}`,
  });
  return undefined;
}

function withValue(node: Math, value: string): void {
  node.value = value;
  const code = node.data?.hChildren?.[0];
  if (code?.type === 'element') code.children = [{ type: 'text', value }];
}

export default function remarkEquationIds(this: Processor) {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(labelledMathSyntax);
  (data.fromMarkdownExtensions ??= []).push(labelledMathFromMarkdown);

  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    // Blocks: the id came in as the closing fence's meta.
    visit(tree, 'math', (node: Math) => {
      const id = node.meta ? ID.exec(node.meta)?.[1] : undefined;
      if (id === undefined) return;
      node.meta = null;
      const label = labelFor(id, file, node);
      if (label) withValue(node, `${node.value}\n${label}`);
    });
    // One line: `$$ … $$ {#eq-x}` alone in its paragraph.
    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      const [formula, after, ...more] = paragraph.children;
      if (more.length > 0 || formula?.type !== 'inlineMath' || after?.type !== 'text') return undefined;
      const offset = formula.position?.start.offset;
      if (offset === undefined || source.slice(offset, offset + 2) !== '$$') return undefined;
      const id = ID.exec(after.value)?.[1];
      if (id === undefined || !parent || index === undefined) return undefined;
      const label = labelFor(id, file, after);
      const value = label ? `${(formula as InlineMath).value.trim()}\n${label}` : formula.value.trim();
      parent.children.splice(index, 1, displayMath(value, paragraph) as RootContent);
      return SKIP;
    });
  };
}
