/**
 * The TeX behind a formula: a "copy TeX" control on each display formula, and copying a
 * selection that lies inside one formula gives its TeX (delimited), not KaTeX's glyphs.
 * The source comes from the MathML annotation KaTeX writes next to every formula.
 *
 * Keyboard: display formulas that follow one another with nothing focusable between them
 * are one group and one tab stop (a roving tabindex): ↑/↓ move between the formulas of a
 * group, Enter copies the focused formula's TeX. A formula wider than its column is a tab
 * stop of its own, as every scrolling box must be (←/→ scroll it); groups are worked out
 * again when the width changes. The copy control itself is never a tab stop; it shows
 * while its formula is focused or hovered.
 */
import { copyButton } from './copy-button.ts';
import { onResize } from './on-resize.ts';

interface Strings {
  copy: string;
  copied: string;
  formula: string;
  keys: string;
}
const strings = JSON.parse(
  document.querySelector<HTMLElement>('[data-math-strings]')?.dataset.mathStrings ?? '{}',
) as Partial<Strings>;

const texOf = (math: Element) => math.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '';

/** What Tab stops at inside the article, besides formulas. */
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])';

function setUpFormulas(): void {
  const rows = [...document.querySelectorAll<HTMLElement>('.prose .math-display')].filter(
    (row) => row.querySelector('.math-formula') && texOf(row),
  );
  if (rows.length === 0) return;

  const hint = document.createElement('span');
  hint.id = 'math-keys';
  hint.className = 'visually-hidden';
  hint.textContent = strings.keys ?? '';
  document.querySelector('.prose')?.append(hint);

  const cells = new Map<HTMLElement, HTMLButtonElement | undefined>();
  for (const row of rows) {
    const cell = row.querySelector<HTMLElement>('.math-formula')!;
    const number = row.querySelector('.math-number')?.textContent?.trim();
    cell.setAttribute('role', 'group');
    cell.setAttribute('aria-label', number ? `${strings.formula ?? ''} ${number}` : (strings.formula ?? ''));
    cell.setAttribute('aria-describedby', hint.id);
    cell.tabIndex = -1;
    let button: HTMLButtonElement | undefined;
    if (navigator.clipboard) {
      const tex = texOf(row);
      button = copyButton('copy-tex', strings.copy ?? 'TeX', strings.copied ?? 'TeX', () => tex);
      button.tabIndex = -1;
      row.append(button);
    }
    cells.set(cell, button);
  }

  const overflows = (cell: HTMLElement) => cell.scrollWidth > cell.clientWidth + 1;
  let groups: HTMLElement[][] = [];
  const groupOf = new Map<HTMLElement, HTMLElement[]>();

  // Groups: formula cells that fit their column, with no other tab stop between them in
  // document order. A cell that scrolls is a tab stop that ends a group.
  const regroup = () => {
    groups = [];
    groupOf.clear();
    let group: HTMLElement[] = [];
    const close = () => {
      if (group.length) groups.push(group);
      group = [];
    };
    for (const node of document.querySelectorAll<HTMLElement>(`.prose .math-formula, .prose :is(${FOCUSABLE})`)) {
      if (cells.has(node) && !overflows(node)) {
        group.push(node);
        continue;
      }
      if (node.matches('button.copy-tex')) continue;
      close();
      // Links inside a formula (\eqref) are tab stops of their own and split the group.
      if (cells.has(node)) node.tabIndex = 0;
    }
    close();
    for (const members of groups) {
      const current = members.find((cell) => cell === document.activeElement) ?? members[0]!;
      for (const cell of members) {
        cell.tabIndex = cell === current ? 0 : -1;
        groupOf.set(cell, members);
      }
    }
  };

  for (const cell of cells.keys()) {
    cell.addEventListener('focus', () => {
      for (const other of groupOf.get(cell) ?? []) other.tabIndex = other === cell ? 0 : -1;
    });
    cell.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.target !== cell) return;
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      const members = groupOf.get(cell);
      if (step !== 0 && members) {
        const next = members[members.indexOf(cell) + step];
        if (!next) return;
        event.preventDefault();
        next.focus();
        return;
      }
      if (event.key === 'Enter') {
        event.preventDefault();
        cells.get(cell)?.click();
      }
    });
  }
  regroup();
  onResize(document.querySelector('.prose')!, regroup);
}

setUpFormulas();

document.addEventListener('copy', (event) => {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || !event.clipboardData) return;
  const start = selection.anchorNode?.parentElement?.closest('.katex');
  const end = selection.focusNode?.parentElement?.closest('.katex');
  if (!start || start !== end) return;
  const display = start.closest('.katex-display') !== null;
  const tex = texOf(start);
  if (!tex) return;
  event.clipboardData.setData('text/plain', display ? `$$${tex}$$` : `$${tex}$`);
  event.preventDefault();
});
