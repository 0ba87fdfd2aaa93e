import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../../src/lib/graph-layout.ts';

describe('graph layout', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    kind: 'article' as const,
    label: id,
    href: `/${id}/`,
    weight: 1,
  }));
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'c', target: 'd' },
  ];

  it('is deterministic (builds stay byte-identical) and stays inside the canvas', () => {
    const first = layoutGraph(nodes, edges, 400, 300);
    expect(layoutGraph(nodes, edges, 400, 300)).toEqual(first);
    for (const node of first) {
      expect(node.x).toBeGreaterThanOrEqual(20);
      expect(node.x).toBeLessThanOrEqual(380);
      expect(node.y).toBeGreaterThanOrEqual(20);
      expect(node.y).toBeLessThanOrEqual(280);
    }
  });

  it('pulls linked nodes closer than unlinked ones', () => {
    const placed = new Map(layoutGraph(nodes, edges, 400, 300).map((node) => [node.id, node]));
    const distance = (a: string, b: string) =>
      Math.hypot(placed.get(a)!.x - placed.get(b)!.x, placed.get(a)!.y - placed.get(b)!.y);
    expect(distance('a', 'b')).toBeLessThan(distance('a', 'c'));
    expect(distance('c', 'd')).toBeLessThan(distance('b', 'd'));
  });
});
