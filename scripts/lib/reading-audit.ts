/**
 * What a reader checks on an article page, measured by geometry in the browser: does an
 * equation number sit on its formula, does a formula overflow its box, does the page pan
 * sideways, does an equation preview fit the screen. Shared by the reading benchmark
 * (scripts/bench-reading.ts, run on main and on a branch alike, so it relies only on
 * KaTeX's own classes) and the browser tests (tests/e2e/reading-*.spec.ts).
 *
 * Each function runs inside the page (`page.evaluate(fn)`), so it is self-contained.
 */

export interface EquationAudit {
  id: string;
  /** The number's glyphs intersect glyphs of the formula that are visible on screen. */
  overlaps: boolean;
  /** The formula is wider than the box it is shown in. */
  overflows: boolean;
  /** The number sits inside a box that scrolls sideways, so it scrolls away with the formula. */
  numberScrolls: boolean;
}

export interface DisplayAudit {
  displays: number;
  overflowing: number;
  equations: EquationAudit[];
}

/** Every display formula of the page; for the numbered ones, whether the number collides. */
export function auditDisplayMath(): DisplayAudit {
  const scrolls = (element: Element) => {
    const style = getComputedStyle(element);
    return style.overflowX !== 'visible' && style.overflowX !== 'clip';
  };
  // The part of the screen through which an element is seen: every scrolling ancestor clips.
  const clipOf = (element: Element): DOMRect => {
    let clip = new DOMRect(-1e6, -1e6, 2e6, 2e6);
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (!scrolls(node) || node === document.documentElement || node === document.body) continue;
      const box = node.getBoundingClientRect();
      const left = Math.max(clip.left, box.left);
      const right = Math.min(clip.right, box.right);
      const top = Math.max(clip.top, box.top);
      const bottom = Math.min(clip.bottom, box.bottom);
      clip = new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    }
    return clip;
  };
  const intersect = (a: DOMRect, b: DOMRect) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  // Glyphs and rules (fraction bars, radicals), as the reader sees them.
  const inkOf = (root: Element, skip: Element | null): DOMRect[] => {
    const rects: DOMRect[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (skip?.contains(node) || !node.textContent?.replace(/\u200b/g, '').trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const clip = clipOf(node.parentElement!);
      for (const rect of range.getClientRects()) {
        const left = Math.max(rect.left, clip.left);
        const right = Math.min(rect.right, clip.right);
        if (right - left > 0.5) rects.push(new DOMRect(left, rect.top, right - left, rect.height));
      }
    }
    for (const rule of root.querySelectorAll('.frac-line, svg, .katex-hline, .katex-rule')) {
      if (skip?.contains(rule)) continue;
      const rect = rule.getBoundingClientRect();
      const clip = clipOf(rule);
      const left = Math.max(rect.left, clip.left);
      const right = Math.min(rect.right, clip.right);
      if (right - left > 0.5 && rect.height > 0) rects.push(new DOMRect(left, rect.top, right - left, rect.height));
    }
    return rects;
  };

  const displays = [...document.querySelectorAll('.prose .katex-display')];
  let overflowing = 0;
  const equations: EquationAudit[] = [];
  for (const display of displays) {
    const formula = display.querySelector('.katex-html');
    if (!formula) continue;
    let box: Element | null = display;
    while (box && !scrolls(box)) box = box.parentElement;
    const overflows = box ? box.scrollWidth > box.clientWidth + 1 : false;
    if (overflows) overflowing++;
    const row = display.closest('.math-display') ?? display;
    const tag = row.querySelector('.katex-tag');
    if (!tag) continue;
    const numberInk = inkOf(tag, null);
    const formulaInk = inkOf(formula, tag);
    let scroller: Element | null = tag.parentElement;
    while (scroller && scroller !== row.parentElement && !scrolls(scroller)) scroller = scroller.parentElement;
    equations.push({
      id: row.id,
      overlaps: numberInk.some((number) => formulaInk.some((glyph) => intersect(number, glyph))),
      overflows,
      numberScrolls: Boolean(
        scroller && scroller !== row.parentElement && scroller.scrollWidth > scroller.clientWidth + 1,
      ),
    });
  }
  return { displays: displays.length, overflowing, equations };
}

/** How far the page is wider than the screen (0 when it does not pan sideways). */
export function pageOverflow(): number {
  return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface PreviewAudit {
  href: string;
  shown: boolean;
  /** The card lies inside the viewport at every edge. */
  inside: boolean;
  /** The formula is wider than the card: part of it is hidden. */
  cut: boolean;
  /** The card's equation number overlaps the formula in the card. */
  numberOverlaps: boolean;
  width: number;
}

/** The preview card currently shown (`#link-preview`), measured against the viewport. */
export function auditPreviewCard(href: string): PreviewAudit {
  const card = document.getElementById('link-preview');
  const shown = Boolean(card && !card.hidden && card.getBoundingClientRect().width > 0);
  if (!card || !shown) return { href, shown: false, inside: false, cut: false, numberOverlaps: false, width: 0 };
  const rect = card.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const inside = rect.left >= -0.5 && rect.top >= -0.5 && rect.right <= width + 0.5 && rect.bottom <= innerHeight + 0.5;
  const formula = card.querySelector('.katex-html');
  let cut = false;
  for (let node = formula; node && node !== card.parentElement; node = node.parentElement) {
    if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') cut = true;
  }
  const tag = formula?.querySelector('.katex-tag');
  let numberOverlaps = false;
  if (formula && tag) {
    // Not inkOf above: page.evaluate sends each function alone, and a card's glyphs go unclipped.
    const ink = (root: Element, skip: Element | null) => {
      const rects: DOMRect[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (skip?.contains(node) || !node.textContent?.replace(/\u200b/g, '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...range.getClientRects());
      }
      return rects;
    };
    const number = ink(tag, null);
    numberOverlaps = ink(formula, tag).some((glyph) =>
      number.some(
        (digit) =>
          Math.min(glyph.right, digit.right) - Math.max(glyph.left, digit.left) > 0.5 &&
          Math.min(glyph.bottom, digit.bottom) - Math.max(glyph.top, digit.top) > 0.5 &&
          glyph.right <= rect.right,
      ),
    );
  }
  return { href, shown, inside, cut, numberOverlaps, width: Math.round(rect.width) };
}
