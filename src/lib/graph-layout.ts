/**
 * Graph layouts computed at build time, so /graph/ and each article's local graph are
 * plain SVG that reads without JavaScript.
 *
 * The site graph is laid out by d3-force (a maintained force simulation; deterministic: it
 * starts from a fixed phyllotaxis spiral and uses its own seeded random source): links pull,
 * nodes repel, every article is drawn towards its category's place on a ring (the
 * grouping the legend names), and collision keeps nodes apart. Labels are then placed
 * greedily, most important first (tags by article count, then articles by links), each
 * beside its node on the first side where it overlaps no label and no node already
 * placed; a label that fits nowhere is not drawn (its node keeps its title, and the page
 * shows it on hover and focus). So no two drawn labels overlap, at 39 articles or 1,000.
 *
 * Label widths are estimated from the characters (CJK a full em, Latin ~0.62 em), on the
 * wide side, since the build cannot measure text; tests compare the browser's boxes.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';

export interface GraphNode {
  id: string;
  kind: 'article' | 'tag';
  label: string;
  href: string;
  /** Tags: their article count; articles: their links. Drives size and label priority. */
  weight: number;
  /** An article's category (its group and colour). */
  group?: string;
  /** An article's tags, for the tag filter. */
  tags?: string[];
}

export interface Edge {
  source: string;
  target: string;
}

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the text is anchored (x, baseline y) and how. */
  textX: number;
  textY: number;
  anchor: 'start' | 'end' | 'middle';
}

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  r: number;
  /** The label's box, or undefined when it fits nowhere (shown on hover and focus only). */
  labelBox: LabelBox | undefined;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: { source: PlacedNode; target: PlacedNode }[];
}

export const LABEL_FONT_SIZE = 11;

/**
 * A label's width in px at `fontSize`: generous, so the drawn text stays inside it. CJK
 * fonts draw general punctuation (… — “ ”) full width; bold (tag labels) is wider.
 */
export function textWidth(text: string, fontSize = LABEL_FONT_SIZE, bold = false): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0x2e80 || (code >= 0x2000 && code <= 0x206f)) em += 1.02;
    else if (/[MWmw@%]/.test(char)) em += 0.92;
    else if (/[A-Z0-9&]/.test(char)) em += 0.74;
    else if (/[il.,:;'|!()[\] ]/.test(char)) em += 0.36;
    else em += 0.62;
  }
  return Math.ceil(em * fontSize * (bold ? 1.1 : 1)) + 2;
}

/** Labels are cut to this many characters (the full title is the node's <title>). */
export function shortLabel(text: string, max = 14): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const round = (value: number) => Math.round(value * 10) / 10;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Boxes bucketed on a grid, so each test looks at a few neighbours, not every label. */
class BoxIndex {
  private readonly cells = new Map<string, Box[]>();
  private readonly size: number;
  constructor(size = 64) {
    this.size = size;
  }
  private keys(box: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(box.x / this.size); x <= Math.floor((box.x + box.width) / this.size); x++)
      for (let y = Math.floor(box.y / this.size); y <= Math.floor((box.y + box.height) / this.size); y++)
        keys.push(`${x},${y}`);
    return keys;
  }
  add(box: Box): void {
    for (const key of this.keys(box)) (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(box);
  }
  hits(box: Box, except?: Box): boolean {
    for (const key of this.keys(box))
      for (const other of this.cells.get(key) ?? []) if (other !== except && overlaps(box, other)) return true;
    return false;
  }
}

/** Candidate label boxes around a node: right, left, above, below, then the diagonals. */
function candidates(node: { x: number; y: number; r: number }, width: number, height: number): LabelBox[] {
  const gap = 3;
  const { x, y, r } = node;
  const baseline = (top: number) => top + height - 3;
  const box = (left: number, top: number, anchor: LabelBox['anchor']): LabelBox => ({
    x: left,
    y: top,
    width,
    height,
    textX: anchor === 'start' ? left + 1 : anchor === 'end' ? left + width - 1 : left + width / 2,
    textY: baseline(top),
    anchor,
  });
  return [
    box(x + r + gap, y - height / 2, 'start'),
    box(x - r - gap - width, y - height / 2, 'end'),
    box(x - width / 2, y - r - gap - height, 'middle'),
    box(x - width / 2, y + r + gap, 'middle'),
    box(x + r, y - r - height, 'start'),
    box(x + r, y + r, 'start'),
    box(x - r - width, y - r - height, 'end'),
    box(x - r - width, y + r, 'end'),
  ];
}

/**
 * Places labels without overlaps, in priority order (tags by weight, then articles by
 * weight; or the order given, with `inOrder`); the rest get none. A label never covers
 * another label or a tag; an article's label also keeps off article dots, while a tag's
 * may cover one (a tag names a whole cluster and matters more than one dot).
 */
export function placeLabels(
  nodes: PlacedNode[],
  bounds: { width: number; height: number },
  texts: Map<string, string>,
  inOrder = false,
): void {
  const strong = new BoxIndex();
  const dots = new BoxIndex();
  const nodeBoxes = new Map<PlacedNode, Box>();
  for (const node of nodes) {
    const box = { x: node.x - node.r, y: node.y - node.r, width: node.r * 2, height: node.r * 2 };
    nodeBoxes.set(node, box);
    (node.kind === 'tag' ? strong : dots).add(box);
  }
  const height = LABEL_FONT_SIZE + 4;
  const order = inOrder
    ? nodes
    : [...nodes].sort(
        (a, b) =>
          (a.kind === 'tag' ? 0 : 1) - (b.kind === 'tag' ? 0 : 1) || b.weight - a.weight || a.id.localeCompare(b.id),
      );
  for (const node of order) {
    const width = textWidth(texts.get(node.id) ?? node.label, LABEL_FONT_SIZE, node.kind === 'tag');
    const own = nodeBoxes.get(node);
    node.labelBox = undefined;
    for (const candidate of candidates(node, width, height)) {
      const inside =
        candidate.x >= 0 &&
        candidate.y >= 0 &&
        candidate.x + candidate.width <= bounds.width &&
        candidate.y + candidate.height <= bounds.height;
      if (!inside || strong.hits(candidate, own) || (node.kind !== 'tag' && dots.hits(candidate, own))) continue;
      node.labelBox = {
        ...candidate,
        x: round(candidate.x),
        y: round(candidate.y),
        textX: round(candidate.textX),
        textY: round(candidate.textY),
      };
      strong.add(candidate);
      break;
    }
  }
}

interface SimNode extends SimulationNodeDatum {
  index: number;
  node: GraphNode;
  r: number;
}

export const nodeRadius = (node: GraphNode) =>
  node.kind === 'tag' ? 4 + Math.min(6, Math.sqrt(node.weight) * 1.2) : 3.5 + Math.min(2.5, node.weight * 0.5);

/** The site graph: articles grouped by category on a ring, tags among them. */
export function layoutSiteGraph(nodes: GraphNode[], edges: Edge[]): GraphLayout {
  const count = Math.max(1, nodes.length);
  // Room grows with the node count so labels still fit at 1,000 articles (zoom reads them).
  const width = Math.round(Math.max(1200, Math.sqrt(count) * 62));
  const height = Math.round(width * 0.72);
  const groups = [...new Set(nodes.flatMap((node) => (node.group ? [node.group] : [])))].sort();
  const ring = Math.min(width, height) * (groups.length > 1 ? 0.32 : 0);
  const centre = (group: string | undefined) => {
    const at = group ? groups.indexOf(group) : -1;
    if (at < 0) return { x: width / 2, y: height / 2 };
    const angle = (2 * Math.PI * at) / groups.length - Math.PI / 2;
    return { x: width / 2 + ring * Math.cos(angle) * 1.25, y: height / 2 + ring * Math.sin(angle) };
  };
  const large = nodes.length > 600;
  const sims: SimNode[] = nodes.map((node, index) => ({ index, node, r: nodeRadius(node) }));
  // A small graph can afford room for every label: nodes keep clear of their label's width.
  const room = (sim: SimNode) =>
    large
      ? sim.r + 14
      : sim.r + 0.42 * textWidth(sim.node.kind === 'tag' ? sim.node.label : shortLabel(sim.node.label));
  const byId = new Map(sims.map((sim) => [sim.node.id, sim]));
  const links: SimulationLinkDatum<SimNode>[] = edges.flatMap((edge) => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    return source && target && source !== target ? [{ source, target }] : [];
  });
  // Tags sit where their articles are: the mean of their articles' group centres.
  const tagCentre = new Map<string, { x: number; y: number }>();
  for (const sim of sims) {
    if (sim.node.kind !== 'tag') continue;
    const members = sims.filter((other) => other.node.tags?.includes(sim.node.id.replace(/^tag:/, '')));
    const points = members.map((member) => centre(member.node.group));
    tagCentre.set(sim.node.id, {
      x: points.length ? points.reduce((sum, p) => sum + p.x, 0) / points.length : width / 2,
      y: points.length ? points.reduce((sum, p) => sum + p.y, 0) / points.length : height / 2,
    });
  }
  const target = (sim: SimNode) => (sim.node.kind === 'tag' ? tagCentre.get(sim.node.id)! : centre(sim.node.group));
  const simulation = forceSimulation(sims)
    .force('link', forceLink(links).distance(38).strength(0.25))
    .force(
      'charge',
      forceManyBody<SimNode>()
        .strength(-70)
        .distanceMax(260)
        .theta(large ? 1.2 : 0.9),
    )
    .force('x', forceX<SimNode>((sim) => target(sim).x).strength(groups.length > 1 ? (large ? 0.07 : 0.16) : 0.03))
    .force('y', forceY<SimNode>((sim) => target(sim).y).strength(groups.length > 1 ? (large ? 0.09 : 0.2) : 0.04))
    // Room for a short label beside each node keeps most labels drawable.
    .force('collide', forceCollide<SimNode>(room).iterations(large ? 1 : 3))
    .stop();
  // A large graph settles in fewer ticks of coarser forces: its build time stays near a second.
  const ticks = large ? 120 : 320;
  for (let i = 0; i < ticks; i++) simulation.tick();

  // Fit the result into the canvas with a margin for labels.
  const xs = sims.map((sim) => sim.x!);
  const ys = sims.map((sim) => sim.y!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 70;
  const scale = Math.min(
    (width - 2 * margin) / Math.max(1, maxX - minX),
    (height - 2 * margin) / Math.max(1, maxY - minY),
    1.6,
  );
  const placed: PlacedNode[] = sims.map((sim) => ({
    ...sim.node,
    x: round(margin + (sim.x! - minX) * scale + (width - 2 * margin - (maxX - minX) * scale) / 2),
    y: round(margin + (sim.y! - minY) * scale + (height - 2 * margin - (maxY - minY) * scale) / 2),
    r: round(sim.r),
    labelBox: undefined,
  }));
  const texts = new Map(placed.map((node) => [node.id, node.kind === 'tag' ? node.label : shortLabel(node.label)]));
  placeLabels(placed, { width, height }, texts);
  const at = new Map(placed.map((node) => [node.id, node]));
  return {
    width,
    height,
    nodes: placed,
    edges: links.map((link) => ({
      source: at.get((link.source as SimNode).node.id)!,
      target: at.get((link.target as SimNode).node.id)!,
    })),
  };
}

export interface LocalGraphInput {
  centre: GraphNode;
  /** First ring: the article's tags, the articles it links to and those linking to it. */
  near: GraphNode[];
  /** Second ring: articles two hops away, each attached to the near node it is reached by. */
  far: { node: GraphNode; via: string }[];
}

/**
 * An article's neighbourhood, laid out radially (no simulation: a handful of nodes, once
 * per page): the article in the middle, its tags and links on a ring, two-hop articles on
 * an outer ring next to what leads to them. Labels go through the same placement.
 */
export function layoutLocalGraph(input: LocalGraphInput, width = 560, height = 340): GraphLayout {
  const cx = width / 2;
  const cy = height / 2;
  const centre: PlacedNode = { ...input.centre, x: cx, y: cy, r: 7, labelBox: undefined };
  const nodes: PlacedNode[] = [centre];
  const edges: GraphLayout['edges'] = [];
  const angleOf = new Map<string, number>();
  const near = input.near;
  near.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, near.length) - Math.PI / 2 + 0.3;
    angleOf.set(node.id, angle);
    const placed: PlacedNode = {
      ...node,
      x: round(cx + Math.cos(angle) * width * 0.22),
      y: round(cy + Math.sin(angle) * height * 0.3),
      r: node.kind === 'tag' ? 5.5 : 4.5,
      labelBox: undefined,
    };
    nodes.push(placed);
    edges.push({ source: centre, target: placed });
  });
  const byVia = new Map<string, LocalGraphInput['far']>();
  for (const entry of input.far) byVia.set(entry.via, [...(byVia.get(entry.via) ?? []), entry]);
  for (const [via, entries] of byVia) {
    const base = angleOf.get(via) ?? 0;
    const from = nodes.find((node) => node.id === via)!;
    entries.forEach((entry, index) => {
      const spread = (index - (entries.length - 1) / 2) * 0.28;
      const angle = base + spread;
      const placed: PlacedNode = {
        ...entry.node,
        x: round(cx + Math.cos(angle) * width * 0.4),
        y: round(cy + Math.sin(angle) * height * 0.42),
        r: 3.5,
        labelBox: undefined,
      };
      nodes.push(placed);
      edges.push({ source: from, target: placed });
    });
  }
  const texts = new Map(nodes.map((node) => [node.id, node.kind === 'tag' ? node.label : shortLabel(node.label, 12)]));
  // The centre's label first (the one the reader came for), then the near ring, then the far.
  placeLabels(nodes, { width, height }, texts, true);
  return { width, height, nodes, edges };
}
