/**
 * The width of each KaTeX "base" (the unbreakable pieces a formula is laid out in), worked
 * out on the server from the font metrics KaTeX itself lays out with.
 *
 * Why: KaTeX's fonts arrive after the page's text. Until they do, the browser draws formulas
 * in a fallback face of other widths, and when the real faces arrive every paragraph with
 * inline math re-wraps and everything below it moves. A base given its final width keeps
 * its place while the fonts load (glyphs of the fallback face may be drawn a little wider
 * or narrower than the box meanwhile), so nothing re-wraps.
 *
 * KaTeX's HTML states every horizontal distance explicitly (kerns, spaces, paddings in em)
 * and each glyph's advance comes from the same metrics the fonts have, so a walk over its
 * build tree adds up to what the browser lays out. A base whose width cannot be known (a
 * glyph from a system font, such as Chinese inside \text{}, an image, a line break) is left
 * without a reservation.
 *
 * One subtlety: KaTeX merges neighbouring glyphs of one font into one node ("512", "diag")
 * and keeps only the first glyph's width on it. Those runs are measured glyph by glyph from
 * KaTeX's metrics table (src/fontMetricsData.js in the package), in the face its classes
 * (and its ancestors') select, as KaTeX's stylesheet does.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The parts of KaTeX's build tree (katex.__renderToDomTree) that decide a width. */
export interface KatexNode {
  classes?: string[];
  style?: Record<string, string | undefined>;
  children?: KatexNode[];
  /** Set on glyphs (SymbolNode). */
  text?: string;
  width?: number | null;
  italic?: number;
}

/** KaTeX's size multipliers for `size1` … `size11` (src/Options.ts). */
const SIZE_MULTIPLIERS = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.44, 1.728, 2.074, 2.488];

/** Classes whose box KaTeX's stylesheet gives no width of its own (zero, or 100% of the parent). */
const ZERO_WIDTH = new Set([
  'katex-strut',
  'pstrut',
  'katex-thinbox',
  'clap',
  'llap',
  'rlap',
  'frac-line',
  'katex-hline',
  'katex-hdashline',
  'overline-line',
  'underline-line',
  'halfarrow-left',
  'halfarrow-right',
  'brace-left',
  'brace-center',
  'brace-right',
]);

/** Horizontal padding and margins KaTeX's stylesheet adds to some classes (em of the element). */
const STYLESHEET_EXTRA: Record<string, number> = {
  nulldelimiter: 0.12,
  'x-arrow-pad': 1,
  'cd-arrow-pad': 0.55556 + 0.27778,
  boxpad: 0.6,
  'cancel-pad': 0.4,
  'cancel-lap': -0.4,
  anglpad: 2 * 0.03889,
  angl: 0.03889,
};

class Unknown extends Error {}

/** Font name (e.g. Main-Regular) → character code → [depth, height, italic, skew, width]. */
export type FontMetrics = Record<string, Record<string, number[]>>;

let metrics: FontMetrics | undefined;

/** KaTeX's metrics table, read from the installed package (a data file, parsed line by line). */
export function katexMetrics(): FontMetrics {
  if (metrics) return metrics;
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('katex')), '../src/fontMetricsData.js');
  metrics = {};
  let font: Record<string, number[]> | undefined;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const face = /^\s{4}"([\w-]+)": \{$/.exec(line);
    if (face) metrics[face[1]!] = font = {};
    const glyph = /^\s{8}"(\d+)": \[([^\]]*)\],?$/.exec(line);
    if (glyph && font) font[glyph[1]!] = glyph[2]!.split(',').map(Number);
  }
  return metrics;
}

/** The face KaTeX's stylesheet draws a glyph in, from the classes on it and around it. */
interface Face {
  family: string;
  bold: boolean;
  italic: boolean;
}
const FACE_CLASSES: Record<string, Partial<Face>> = {
  textbf: { bold: true },
  textit: { italic: true },
  textrm: { family: 'Main' },
  textsf: { family: 'SansSerif' },
  texttt: { family: 'Typewriter' },
  mathnormal: { family: 'Math', italic: true },
  mathit: { family: 'Main', italic: true },
  mathrm: { italic: false },
  mathbf: { family: 'Main', bold: true },
  boldsymbol: { family: 'Math', bold: true, italic: true },
  amsrm: { family: 'AMS' },
  mathbb: { family: 'AMS' },
  textbb: { family: 'AMS' },
  mathcal: { family: 'Caligraphic' },
  mathfrak: { family: 'Fraktur' },
  textfrak: { family: 'Fraktur' },
  mathboldfrak: { family: 'Fraktur', bold: true },
  textboldfrak: { family: 'Fraktur', bold: true },
  mathtt: { family: 'Typewriter' },
  mathscr: { family: 'Script' },
  textscr: { family: 'Script' },
  mathsf: { family: 'SansSerif' },
  mathboldsf: { family: 'SansSerif', bold: true },
  textboldsf: { family: 'SansSerif', bold: true },
  mathitsf: { family: 'SansSerif', italic: true },
  mathsfit: { family: 'SansSerif', italic: true },
  textitsf: { family: 'SansSerif', italic: true },
  mainrm: { family: 'Main', italic: false },
};

function faceOf(face: Face, classes: string[]): Face {
  let next = face;
  for (const name of classes) if (FACE_CLASSES[name]) next = { ...next, ...FACE_CLASSES[name] };
  if (classes.includes('delimsizing')) {
    const size = classes.find((name) => /^size[1-4]$/.test(name));
    if (size) next = { family: `Size${size.slice(4)}`, bold: false, italic: false };
  }
  if (classes.includes('op-symbol'))
    next = { family: classes.includes('large-op') ? 'Size2' : 'Size1', bold: false, italic: false };
  return next;
}

function fontName(face: Face): string {
  const style = face.bold && face.italic ? 'BoldItalic' : face.bold ? 'Bold' : face.italic ? 'Italic' : 'Regular';
  if (face.family === 'Math') return face.bold ? 'Math-BoldItalic' : 'Math-Italic';
  return `${face.family}-${style}`;
}

/** A run of glyphs KaTeX merged into one node, measured glyph by glyph. */
function runWidth(text: string, face: Face): number {
  const table = katexMetrics()[fontName(face)];
  let width = 0;
  for (const char of text) {
    const glyph = table?.[String(char.codePointAt(0))];
    if (!glyph) throw new Unknown(char);
    width += glyph[4]!;
  }
  return width;
}

function em(value: string | undefined): number {
  if (value === undefined || value === '' || value === '0') return 0;
  const match = /^(-?\d*\.?\d+)em$/.exec(value);
  if (!match) throw new Unknown(value);
  return Number(match[1]);
}

function sizeScale(classes: string[]): number {
  if (!classes.includes('katex-sizing') && !classes.includes('katex-fontsize-ensurer')) return 1;
  const from = Number(classes.find((name) => /^reset-size\d+$/.test(name))?.slice(10));
  const to = Number(classes.find((name) => /^size\d+$/.test(name))?.slice(4));
  if (!from || !to) throw new Unknown(classes.join(' '));
  return SIZE_MULTIPLIERS[to - 1]! / SIZE_MULTIPLIERS[from - 1]!;
}

/** Own horizontal margins, padding and borders from the inline style (em of the element). */
function ownExtras(style: Record<string, string | undefined>): number {
  return (
    em(style.marginLeft) +
    em(style.marginRight) +
    em(style.paddingLeft) +
    em(style.paddingRight) +
    em(style.borderLeftWidth) +
    em(style.borderRightWidth)
  );
}

const sum = (nodes: KatexNode[] | undefined, face: Face) =>
  (nodes ?? []).reduce((total, node) => total + widthOf(node, face), 0);
const widest = (nodes: KatexNode[] | undefined, face: Face) =>
  Math.max(0, ...(nodes ?? []).map((node) => widthOf(node, face)));

/** Width in em of the parent's font size; throws Unknown when it cannot be known. */
function widthOf(node: KatexNode, inherited: Face): number {
  const classes = node.classes ?? [];
  const style = node.style ?? {};
  const face = faceOf(inherited, classes);
  if (node.text !== undefined) {
    // A glyph. The *_fallback classes mark scripts KaTeX has no metrics for (drawn by a system font).
    if (classes.some((name) => name.endsWith('_fallback'))) throw new Unknown(node.text);
    if (node.text === '\u200b') return 0;
    const glyphs = [...node.text].length > 1 ? runWidth(node.text, face) : (node.width ?? 0);
    return glyphs + Math.max(0, node.italic ?? 0) + ownExtras(style);
  }
  if (classes.includes('katex-newline') || classes.includes('newline') || classes.includes('mtr-glue'))
    throw new Unknown(classes.join(' '));
  if (classes.includes('vlist-s')) return 0; // 2 px, cancelled by .vlist-t2's margin-right: -2px
  if (classes.some((name) => ZERO_WIDTH.has(name))) return 0;
  if (classes.includes('accent-body') && !classes.includes('accent-full')) return 0;
  if (!node.classes) return 0; // svg, path, line: absolutely placed inside a box sized by others
  if ('src' in node) throw new Unknown('image');
  const scale = sizeScale(classes);
  let inner: number;
  if (classes.includes('vlist-t')) {
    // A table: rows (vlist-r) of cells (vlist, vlist-s); each vlist stacks its children.
    inner = Math.max(0, ...(node.children ?? []).map((row) => sum(row.children, faceOf(face, row.classes ?? []))));
  } else if (classes.includes('vlist') || classes.includes('katex-vbox')) {
    inner = widest(node.children, face);
  } else {
    inner = sum(node.children, face);
  }
  if (style.width !== undefined) inner = em(style.width);
  if (style.minWidth !== undefined) inner = Math.max(inner, em(style.minWidth));
  const fromSheet = classes.reduce((total, name) => total + (STYLESHEET_EXTRA[name] ?? 0), 0);
  return (inner + ownExtras(style) + fromSheet) * scale;
}

/** A base's width in em, or undefined when part of it is drawn by a system font or cannot be known. */
export function baseWidth(base: KatexNode): number | undefined {
  try {
    return widthOf({ ...base, style: {} }, { family: 'Main', bold: false, italic: false });
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}

/** Bases at least this wide (em) may not fit a phone's line: inline, they get a box that scrolls. */
export const WIDE_BASE_EM = 8;

/** KaTeX's `.katex-html`: the glyph boxes, whose children are the bases (and a tag, a newline). */
function glyphBox(root: KatexNode): KatexNode | undefined {
  if (root.classes?.includes('katex-html')) return root;
  if (root.classes?.includes('katex-mathml')) return undefined;
  for (const child of root.children ?? []) {
    const found = glyphBox(child);
    if (found) return found;
  }
  return undefined;
}

/** Every base of a rendered formula, in order. */
export function formulaBases(root: KatexNode): KatexNode[] {
  return (glyphBox(root)?.children ?? []).filter((child) => child.classes?.includes('katex-base'));
}

const glyphCount = (node: KatexNode): number =>
  node.text !== undefined
    ? node.text.length
    : (node.children ?? []).reduce((total, child) => total + glyphCount(child), 0);

/**
 * Gives each base of the tree its final width (to 0.001 em). A `width`, not a `min-width`:
 * a fallback face wider than KaTeX's would otherwise grow the box and re-wrap the line it is
 * on until the real face arrives. With `wrapWide`, a base that
 * may be wider than a phone's line (or whose width is unknown and long) is replaced by
 * what `wrapWide` makes of it: a box that scrolls.
 */
export function reserveBaseWidths(root: KatexNode, wrapWide?: (base: KatexNode) => KatexNode): void {
  const children = glyphBox(root)?.children ?? [];
  children.forEach((base, index) => {
    if (!base.classes?.includes('katex-base')) return;
    const width = baseWidth(base);
    if (width !== undefined && width > 0) base.style = { ...base.style, width: `${Math.round(width * 1000) / 1000}em` };
    if (wrapWide && (width ?? glyphCount(base)) >= WIDE_BASE_EM) children[index] = wrapWide(base);
  });
}
