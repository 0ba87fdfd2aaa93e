/**
 * The TeX behind a formula: a "copy TeX" control on each display formula, and copying a
 * selection that lies inside one formula gives its TeX (delimited), not KaTeX's glyphs.
 * The source comes from the MathML annotation KaTeX writes next to every formula.
 */
import { copyButton } from './copy-button.ts';
const english = document.documentElement.lang.startsWith('en');
const LABEL = english ? 'Copy TeX' : '复制 TeX';
const DONE = english ? 'TeX copied' : '已复制 TeX';

const texOf = (math: Element) => math.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '';

if (navigator.clipboard) {
  for (const display of document.querySelectorAll<HTMLElement>('.prose .math-display')) {
    const tex = texOf(display);
    if (!tex) continue;
    const button = copyButton('copy-tex', LABEL, DONE, () => tex);
    display.append(button);
  }
}

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
