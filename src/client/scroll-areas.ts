/**
 * Tables in an article scroll sideways when they are wider than the column (a phone): such
 * a box must be reachable by keyboard to be scrolled (←/→ once it has focus). Each table
 * that overflows becomes a tab stop, and stops being one when it fits again (a rotated
 * phone, a wider window). Formulas do the same in src/client/copy-tex.ts; code blocks are
 * tab stops already (Shiki gives every <pre> tabindex="0").
 */
import { onResize } from './on-resize.ts';

const tables = [...document.querySelectorAll<HTMLElement>('.prose table')];

function update(): void {
  for (const table of tables) {
    if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
    else table.removeAttribute('tabindex');
  }
}

if (tables.length > 0) {
  onResize(document.querySelector('.prose')!, update);
  update();
}
