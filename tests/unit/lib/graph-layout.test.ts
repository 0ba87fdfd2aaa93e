import { describe, expect, it } from 'vitest';
import {
  layoutLocalGraph,
  layoutSiteGraph,
  textWidth,
  type Edge,
  type GraphLayout,
  type GraphNode,
} from '../../../src/lib/graph-layout.ts';

/** A library like the generated corpus: articles in categories, a few tags each. */
function library(articles: number, tags: number, categories: number): { nodes: GraphNode[]; edges: Edge[] } {
  const nodes: GraphNode[] = Array.from({ length: tags }, (_, i) => ({
    id: `tag:t${i}`,
    kind: 'tag',
    label: `标签 tag-${i}`,
    href: `/tags/t${i}/`,
    weight: Math.ceil((articles * 2.5) / tags),
  }));
  const edges: Edge[] = [];
  for (let i = 0; i < articles; i++) {
    const own = [`t${i % tags}`, `t${(i * 7 + 3) % tags}`];
    nodes.push({
      id: `a${i}`,
      kind: 'article',
      label: `深入理解 Transformer：从原理到实现 ${i}`,
      href: `/articles/a${i}/`,
      weight: i % 5 === 0 ? 1 : 0,
      group: `c${i % categories}`,
      tags: own,
    });
    for (const tag of own) edges.push({ source: `a${i}`, target: `tag:${tag}` });
    if (i % 5 === 0 && i > 0) edges.push({ source: `a${i}`, target: `a${i - 1}` });
  }
  return { nodes, edges };
}

function overlapping(layout: GraphLayout): string[] {
  const boxes = layout.nodes.flatMap((node) => (node.labelBox ? [{ id: node.id, ...node.labelBox }] : []));
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        found.push(`${a.id} × ${b.id}`);
    }
  return found;
}

describe('graph layout', () => {
  it('is deterministic (builds stay byte-identical) and stays inside the canvas', () => {
    const { nodes, edges } = library(39, 60, 11);
    const first = layoutSiteGraph(nodes, edges);
    expect(layoutSiteGraph(nodes, edges)).toEqual(first);
    for (const node of first.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(first.width);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeLessThanOrEqual(first.height);
    }
  });

  it('labels nearly every node of a 39-article library, with no two labels overlapping', () => {
    const { nodes, edges } = library(39, 60, 11);
    const layout = layoutSiteGraph(nodes, edges);
    expect(overlapping(layout)).toEqual([]);
    expect(layout.nodes.filter((node) => node.labelBox).length).toBeGreaterThanOrEqual(nodes.length * 0.9);
  });

  it('keeps 1,000 articles readable: no overlaps, every tag and hundreds of articles labelled', () => {
    const { nodes, edges } = library(1000, 40, 11);
    const layout = layoutSiteGraph(nodes, edges);
    expect(overlapping(layout)).toEqual([]);
    const labelled = layout.nodes.filter((node) => node.labelBox);
    expect(labelled.filter((node) => node.kind === 'tag').length).toBeGreaterThanOrEqual(30);
    expect(labelled.length).toBeGreaterThan(150);
  });

  it('groups articles by category: an article is nearer its own category than the others', () => {
    const { nodes, edges } = library(120, 20, 4);
    const layout = layoutSiteGraph(nodes, edges);
    const centre = (group: string) => {
      const members = layout.nodes.filter((node) => node.group === group);
      return {
        x: members.reduce((s, n) => s + n.x, 0) / members.length,
        y: members.reduce((s, n) => s + n.y, 0) / members.length,
      };
    };
    const centres = new Map(['c0', 'c1', 'c2', 'c3'].map((group) => [group, centre(group)]));
    const articles = layout.nodes.filter((node) => node.group);
    const nearest = articles.filter((node) => {
      const distance = (group: string) => Math.hypot(node.x - centres.get(group)!.x, node.y - centres.get(group)!.y);
      return [...centres.keys()].every((group) => distance(node.group!) <= distance(group));
    });
    // Tags here join random categories, pulling them together; chance alone gives 0.25.
    expect(nearest.length / articles.length).toBeGreaterThan(0.6);
  });

  it('lays out a local graph with the article labelled in the middle and no overlaps', () => {
    const node = (id: string, kind: 'article' | 'tag' = 'article'): GraphNode => ({
      id,
      kind,
      label: `文章 ${id}`,
      href: '#',
      weight: 1,
    });
    const layout = layoutLocalGraph({
      centre: node('me'),
      near: [node('tag:a', 'tag'), node('tag:b', 'tag'), node('x'), node('y')],
      far: [
        { node: node('p'), via: 'tag:a' },
        { node: node('q'), via: 'tag:a' },
        { node: node('r'), via: 'x' },
      ],
    });
    expect(layout.nodes[0]).toMatchObject({ id: 'me', x: layout.width / 2, y: layout.height / 2 });
    expect(layout.nodes[0]!.labelBox).toBeDefined();
    expect(overlapping(layout)).toEqual([]);
    expect(layout.edges).toHaveLength(7);
  });

  it('estimates label widths generously: a CJK character takes a full em', () => {
    expect(textWidth('注意力', 11)).toBeGreaterThanOrEqual(33);
    expect(textWidth('ab', 11)).toBeLessThan(textWidth('注意', 11));
  });
});
