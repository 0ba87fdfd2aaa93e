/**
 * Pandoc's fenced divs, the syntax Quarto's theorems, proofs, callouts and asides use:
 *
 *     ::: {#thm-convergence}
 *     ## Robbins–Monro
 *     text, formulas, lists, even other divs
 *     :::
 *
 * An opening fence is three or more colons followed by attributes (`{#id .class key="v"}`)
 * or one class name (`::: warning`); a fence of colons alone closes the innermost open div,
 * as in Pandoc, so a proof may sit inside a theorem with fences of the same length.
 *
 * Why a tokenizer: remark sees `:::` only as paragraph text, and a closing fence written
 * right under a paragraph (the usual way) would be part of that paragraph. This adds a
 * micromark construct, a container like a block quote whose lines are parsed again as a
 * document, so anything Markdown allows lives inside and every position stays the file's.
 *
 * The result is an mdast `fencedDiv` node with its attributes; it renders as a plain
 * `<div id class>` unless a later plugin (theorems, callouts, asides) gives it a meaning.
 */
import type { Parent, Root } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown';
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding } from 'micromark-util-character';
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './report.ts';

export interface DivAttributes {
  id: string | undefined;
  classes: string[];
  values: Record<string, string>;
}

export interface FencedDiv extends Parent {
  type: 'fencedDiv';
  attributes: DivAttributes;
  /** The fence's text after the colons, as written. */
  info: string;
  /** False when the file (or the enclosing block) ends before a closing fence. */
  closed: boolean;
  children: Root['children'];
}

declare module 'mdast' {
  interface RootContentMap {
    fencedDiv: FencedDiv;
  }
  interface BlockContentMap {
    fencedDiv: FencedDiv;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fencedDiv: 'fencedDiv';
    fencedDivFence: 'fencedDivFence';
    fencedDivSequence: 'fencedDivSequence';
    fencedDivInfo: 'fencedDivInfo';
  }
}

const COLON = 58;

/** A colon line, read raw: an opener (colons then attributes) or a closer (colons only). */
const FENCE_LINE = /^ {0,3}:{3,}(.*)$/;
const CODE_FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return (code) => {
    if (code === null) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return (next: Code) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
  };
}
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true };

function tokenizeFencedDiv(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events[self.events.length - 1];
  const indent = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
  let size = 0;
  /** Divs opened inside this one and not yet closed, counted on the raw lines. */
  let depth = 0;
  /** The fence of a code block open inside this div: its lines are never fences of ours. */
  let codeFence: string | undefined;
  let line = '';
  let previous: Token | undefined;

  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true };

  const start: State = (code) => {
    effects.enter('fencedDiv');
    effects.enter('fencedDivFence');
    effects.enter('fencedDivSequence');
    return openSequence(code);
  };

  const openSequence: State = (code) => {
    if (code === COLON) {
      effects.consume(code);
      size++;
      return openSequence;
    }
    if (size < 3) return nok(code);
    effects.exit('fencedDivSequence');
    return factorySpace(effects, infoStart, 'whitespace')(code);
  };

  // A fence with nothing after the colons closes a div; it cannot open one.
  const infoStart: State = (code) => {
    if (code === null || markdownLineEnding(code) || code === COLON) return nok(code);
    effects.enter('fencedDivInfo');
    return info(code);
  };

  const info: State = (code) => {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('fencedDivInfo');
      effects.exit('fencedDivFence');
      if (self.interrupt) return ok(code);
      return code === null ? after(code) : effects.attempt(nonLazyLine, lineStart, after)(code);
    }
    effects.consume(code);
    return info;
  };

  const lineStart: State = (code) => {
    if (code === null) return after(code);
    line = '';
    const content = indent ? factorySpace(effects, chunkStart, 'linePrefix', indent + 1) : chunkStart;
    return depth === 0 && !codeFence ? effects.attempt(closingFence, closed, content)(code) : content(code);
  };

  const chunkStart: State = (code) => {
    if (code === null) return after(code);
    const token = effects.enter('chunkDocument', { contentType: 'document', previous });
    if (previous) previous.next = token;
    previous = token;
    return chunk(code);
  };

  const chunk: State = (code) => {
    if (code === null) {
      const token = effects.exit('chunkDocument');
      self.parser.lazy[token.start.line] = false;
      return after(code);
    }
    if (markdownLineEnding(code)) {
      countFence();
      return effects.check(nonLazyLine, lineEnd, lastLineEnd)(code);
    }
    if (line.length < 200) line += String.fromCharCode(code < 0 ? 32 : code);
    effects.consume(code);
    return chunk;
  };

  const lineEnd: State = (code) => {
    effects.consume(code);
    const token = effects.exit('chunkDocument');
    self.parser.lazy[token.start.line] = false;
    return lineStart;
  };

  const lastLineEnd: State = (code) => {
    const token = effects.exit('chunkDocument');
    self.parser.lazy[token.start.line] = false;
    return after(code);
  };

  /** Pandoc's rule on the lines inside: an opener nests, a bare fence closes the innermost. */
  function countFence(): void {
    const code = CODE_FENCE_LINE.exec(line);
    if (codeFence) {
      if (code && code[1]![0] === codeFence[0] && code[1]!.length >= codeFence.length && !code[2]!.trim())
        codeFence = undefined;
      return;
    }
    if (code) {
      codeFence = code[1];
      return;
    }
    const fence = FENCE_LINE.exec(line);
    if (!fence) return;
    if (fence[1]!.trim() === '') depth = Math.max(0, depth - 1);
    else depth++;
  }

  const closed: State = (code) => {
    effects.exit('fencedDiv');
    return ok(code);
  };

  const after: State = (code) => {
    effects.exit('fencedDiv');
    return ok(code);
  };

  function tokenizeClosingFence(this: TokenizeContext, fenceEffects: Effects, fenceOk: State, fenceNok: State): State {
    let closing = 0;
    const sequence: State = (code) => {
      if (code === COLON) {
        fenceEffects.consume(code);
        closing++;
        return sequence;
      }
      if (closing < 3) return fenceNok(code);
      fenceEffects.exit('fencedDivSequence');
      return factorySpace(fenceEffects, end, 'whitespace')(code);
    };
    const end: State = (code) => {
      if (code !== null && !markdownLineEnding(code)) return fenceNok(code);
      fenceEffects.exit('fencedDivFence');
      return fenceOk(code);
    };
    return factorySpace(
      fenceEffects,
      (code) => {
        if (code !== COLON) return fenceNok(code);
        fenceEffects.enter('fencedDivFence');
        fenceEffects.enter('fencedDivSequence');
        return sequence(code);
      },
      'linePrefix',
      4,
    );
  }

  return start;
}

const fencedDivConstruct: Construct = { name: 'fencedDiv', tokenize: tokenizeFencedDiv, concrete: true };

export const fencedDivSyntax: Extension = { flow: { [COLON]: fencedDivConstruct } };

/**
 * `{#thm-x .proof name="Robbins–Monro"}`, `{.callout-note collapse=true}` or a bare class
 * word. Unquoted values end at a space; quoted ones may hold spaces and `}`.
 */
export function parseDivAttributes(info: string): DivAttributes {
  const text = info.replace(/\s*:+\s*$/, '').trim();
  const attributes: DivAttributes = { id: undefined, classes: [], values: {} };
  if (!text.startsWith('{')) {
    if (text) attributes.classes.push(text.split(/\s+/)[0]!);
    return attributes;
  }
  const body = text.replace(/^\{/, '').replace(/\}$/, '');
  for (const match of body.matchAll(/([#.])([^\s#.{}="']+)|([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    if (match[1] === '#') attributes.id = match[2];
    else if (match[1] === '.') attributes.classes.push(match[2]!);
    else if (match[3]) attributes.values[match[3]] = match[4] ?? match[5] ?? match[6] ?? '';
  }
  return attributes;
}

function fromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      fencedDiv(this: CompileContext, token: MdastToken) {
        const node = {
          type: 'fencedDiv',
          attributes: { id: undefined, classes: [], values: {} },
          info: '',
          closed: false,
          children: [],
        } as unknown as FencedDiv;
        this.enter(node as never, token);
      },
    },
    exit: {
      fencedDivInfo(this: CompileContext, token: MdastToken) {
        const node = this.stack[this.stack.length - 1] as unknown as FencedDiv;
        node.info = this.sliceSerialize(token);
        node.attributes = parseDivAttributes(node.info);
        const { id, classes } = node.attributes;
        node.data = { hName: 'div', hProperties: { id, className: classes.length ? classes : undefined } };
      },
      fencedDivFence(this: CompileContext) {
        const node = this.stack[this.stack.length - 1] as unknown as FencedDiv & { fences?: number };
        node.fences = (node.fences ?? 0) + 1;
        node.closed = node.fences >= 2;
      },
      fencedDiv(this: CompileContext, token: MdastToken) {
        const node = this.stack[this.stack.length - 1] as unknown as FencedDiv & { fences?: number };
        delete node.fences;
        this.exit(token);
      },
    },
  };
}

export default function remarkFencedDivs(this: Processor) {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(fencedDivSyntax);
  (data.fromMarkdownExtensions ??= []).push(fromMarkdown());

  return (tree: Root, file: VFile) => {
    visit(tree, 'fencedDiv', (node: FencedDiv) => {
      if (node.closed) return;
      report(file, node, {
        rule: 'div/unclosed',
        message: `the fenced div "::: ${node.info.trim()}" is never closed`,
        fix: 'end it with a line of three colons (:::) after its last line',
      });
    });
  };
}
