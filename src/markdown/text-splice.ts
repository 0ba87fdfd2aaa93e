/**
 * Replacing pieces of a text node by other nodes (citations, references, notes), keeping
 * the source position of each piece so problems point at the line it is on.
 */
import type { PhrasingContent, Text } from 'mdast';
import type { Point, Position } from 'unist';

/** The source point `offset` characters into a text node (its value may span lines). */
export function pointAt(node: Text, offset: number): Point | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  return {
    line: start.line + before.length - 1,
    column: before.length > 1 ? before.at(-1)!.length + 1 : start.column + before[0]!.length,
    ...(start.offset !== undefined ? { offset: start.offset + offset } : {}),
  };
}

export function positionOf(node: Text, start: number, end: number): Position | undefined {
  const from = pointAt(node, start);
  const to = pointAt(node, end);
  return from && to ? { start: from, end: to } : undefined;
}

export interface Piece {
  start: number;
  end: number;
  nodes: PhrasingContent[];
}

/** The text node split around `pieces` (sorted, not overlapping), pieces replaced. */
export function spliceText(node: Text, pieces: Piece[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const piece of pieces) {
    if (piece.start > last)
      out.push({
        type: 'text',
        value: node.value.slice(last, piece.start),
        position: positionOf(node, last, piece.start),
      });
    out.push(...piece.nodes);
    last = piece.end;
  }
  if (last < node.value.length)
    out.push({ type: 'text', value: node.value.slice(last), position: positionOf(node, last, node.value.length) });
  return out;
}
