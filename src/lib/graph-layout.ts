/**
 * A deterministic force-directed layout (Fruchterman–Reingold with a seeded start) for the
 * /graph/ page, computed at build time so the page is a static SVG with no JavaScript.
 */
export interface GraphNode {
  id: string;
  kind: 'article' | 'tag';
  label: string;
  href: string;
  weight: number;
}

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}

export interface Edge {
  source: string;
  target: string;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function layoutGraph(
  nodes: GraphNode[],
  edges: Edge[],
  width: number,
  height: number,
  iterations = 300,
): PlacedNode[] {
  const random = seeded(20240601);
  const placed = nodes.map((node) => ({ ...node, x: random() * width, y: random() * height }));
  const index = new Map(placed.map((node, i) => [node.id, i]));
  const links = edges.flatMap((edge) => {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    return a === undefined || b === undefined ? [] : [[a, b] as const];
  });
  const k = Math.sqrt((width * height) / Math.max(1, placed.length)) * 0.8;
  let temperature = width / 8;
  const dx = new Float64Array(placed.length);
  const dy = new Float64Array(placed.length);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const ex = placed[i]!.x - placed[j]!.x;
        const ey = placed[i]!.y - placed[j]!.y;
        const distance = Math.max(0.01, Math.hypot(ex, ey));
        const force = (k * k) / distance;
        dx[i]! += (ex / distance) * force;
        dy[i]! += (ey / distance) * force;
        dx[j]! -= (ex / distance) * force;
        dy[j]! -= (ey / distance) * force;
      }
    }
    for (const [a, b] of links) {
      const ex = placed[a]!.x - placed[b]!.x;
      const ey = placed[a]!.y - placed[b]!.y;
      const distance = Math.max(0.01, Math.hypot(ex, ey));
      const force = (distance * distance) / k;
      dx[a]! -= (ex / distance) * force;
      dy[a]! -= (ey / distance) * force;
      dx[b]! += (ex / distance) * force;
      dy[b]! += (ey / distance) * force;
    }
    for (let i = 0; i < placed.length; i++) {
      const length = Math.max(0.01, Math.hypot(dx[i]!, dy[i]!));
      const node = placed[i]!;
      node.x = Math.min(width - 20, Math.max(20, node.x + (dx[i]! / length) * Math.min(length, temperature)));
      node.y = Math.min(height - 20, Math.max(20, node.y + (dy[i]! / length) * Math.min(length, temperature)));
    }
    temperature *= 0.985;
  }
  for (const node of placed) {
    node.x = Math.round(node.x * 10) / 10;
    node.y = Math.round(node.y * 10) / 10;
  }
  return placed;
}
