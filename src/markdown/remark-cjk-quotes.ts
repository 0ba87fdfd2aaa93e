/**
 * Chinese quotation marks in Chinese prose: "…" becomes “…” and '…' becomes ‘…’, at build
 * time, so authors can type ASCII quotes. Only prose changes: code, math and raw HTML are
 * never touched, and neither is English prose (a pair is converted only when it quotes
 * Chinese or stands next to Chinese), nor an apostrophe (don't, it's, 1').
 *
 * Quotes are paired within one paragraph, heading or table cell, across emphasis and links
 * (`"**重点**"`). A paragraph with an odd number of " is left as written: which one is
 * stray cannot be known, and a wrong guess would flip every quote after it.
 */
import type { Nodes, Parent, Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { isAlphaNumeric, isCjkProse } from '../lib/cjk.ts';

/** Inline nodes whose text is not prose: kept out, and seen by their neighbours as Latin. */
const OPAQUE = new Set(['inlineCode', 'inlineMath', 'html', 'mdxTextExpression', 'mdxJsxTextElement', 'image']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/** A character of the block's prose, and where it lives. */
interface Slot {
  char: string;
  node: Text | undefined;
  offset: number;
}

function flatten(block: Parent): Slot[] {
  const slots: Slot[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'text') {
      for (let offset = 0; offset < node.value.length; offset++)
        slots.push({ char: node.value[offset]!, node, offset });
    } else if (OPAQUE.has(node.type)) {
      slots.push({ char: 'x', node: undefined, offset: 0 });
    } else if (node.type === 'break') {
      slots.push({ char: '\n', node: undefined, offset: 0 });
    } else if ('children' in node) {
      for (const child of node.children) walk(child as Nodes);
    }
  };
  for (const child of block.children) walk(child as Nodes);
  return slots;
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

function neighbour(slots: Slot[], from: number, step: 1 | -1): string | undefined {
  for (let at = from + step; at >= 0 && at < slots.length; at += step)
    if (!isSpace(slots[at]!.char)) return slots[at]!.char;
  return undefined;
}

/** A pair quotes Chinese prose when it holds Chinese or touches it on either side. */
function inChinese(slots: Slot[], open: number, close: number): boolean {
  for (let at = open + 1; at < close; at++) if (isCjkProse(slots[at]!.char)) return true;
  return isCjkProse(neighbour(slots, open, -1)) || isCjkProse(neighbour(slots, close, 1));
}

function convertBlock(block: Parent): void {
  const slots = flatten(block);
  const pairs: [number, number, string, string][] = [];

  const doubles = slots.flatMap((slot, at) => (slot.char === '"' && slot.node ? [at] : []));
  if (doubles.length % 2 === 0)
    for (let index = 0; index < doubles.length; index += 2)
      pairs.push([doubles[index]!, doubles[index + 1]!, '“', '”']);

  // ' opens after a non-letter and before a non-space, closes after a non-space and before a
  // non-letter; between two letters it is an apostrophe.
  let open: number | undefined;
  slots.forEach((slot, at) => {
    if (slot.char !== "'" || !slot.node) return;
    const before = slots[at - 1]?.char;
    const after = slots[at + 1]?.char;
    if (isAlphaNumeric(before) && isAlphaNumeric(after)) return;
    if (open !== undefined && !isSpace(before) && !isAlphaNumeric(after)) {
      pairs.push([open, at, '‘', '’']);
      open = undefined;
    } else if (!isAlphaNumeric(before) && !isSpace(after)) open = at;
  });

  const edits = new Map<Text, Map<number, string>>();
  const edit = (slot: Slot, char: string) => {
    const node = slot.node!;
    if (!edits.has(node)) edits.set(node, new Map());
    edits.get(node)!.set(slot.offset, char);
  };
  for (const [from, to, left, right] of pairs) {
    if (!inChinese(slots, from, to)) continue;
    edit(slots[from]!, left);
    edit(slots[to]!, right);
  }
  for (const [node, changes] of edits)
    node.value = node.value
      .split('')
      .map((char, offset) => changes.get(offset) ?? char)
      .join('');
}

export default function remarkCjkQuotes() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'code' || node.type === 'math' || node.type === 'html') return SKIP;
      if (BLOCKS.has(node.type)) {
        convertBlock(node as Parent);
        return SKIP;
      }
      return undefined;
    });
  };
}
