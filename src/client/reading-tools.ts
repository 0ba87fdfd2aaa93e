/**
 * The article's reading tools (src/components/ReadingTools.astro), made live:
 * - the 目录 link opens the table of contents as a modal sheet where the side column is
 *   hidden (the same <nav>, moved into the sheet and back, so the section toc-spy.ts marks
 *   stays marked); choosing a section closes the sheet, goes there and puts focus there;
 * - a progress bar for how much of the article has scrolled by;
 * - the floating tools show when the header does (at the top, or scrolling up) and
 *   whenever one of them has focus; back-to-top only once there is something to go back to.
 * Without JavaScript the links simply jump to the TOC and the top.
 */
const root = document.documentElement;
const article = document.querySelector<HTMLElement>('.article');
const tools = document.querySelector<HTMLElement>('.reading-tools');
const progress = document.querySelector<HTMLElement>('.reading-progress');
const sheet = document.querySelector<HTMLDialogElement>('.toc-sheet');
const opener = document.querySelector<HTMLAnchorElement>('.toc-open');
const toc = document.querySelector<HTMLElement>('nav.toc');
const home = toc?.parentElement;

/** The side column shows the TOC itself when it is displayed (src/styles/global.css). */
const sideTocShown = () => (home ? getComputedStyle(home).display !== 'none' : false);

function openSheet(): void {
  if (!sheet || !toc) return;
  sheet.append(toc);
  sheet.showModal();
  const current = toc.querySelector<HTMLAnchorElement>('a[aria-current="true"]') ?? toc.querySelector('a');
  current?.scrollIntoView({ block: 'center' });
  current?.focus();
}

function closeSheet(): void {
  if (sheet?.open) sheet.close();
}

if (sheet && toc && home && opener) {
  opener.addEventListener('click', (event) => {
    if (sideTocShown()) return; // the link scrolls to the side column's list
    event.preventDefault();
    openSheet();
  });
  sheet.addEventListener('close', () => home.append(toc));
  sheet.querySelector('.toc-sheet-close')?.addEventListener('click', closeSheet);
  // A click on the backdrop (outside the sheet's box) closes it.
  sheet.addEventListener('click', (event) => {
    const box = sheet.getBoundingClientRect();
    const outside =
      event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
    if (event.target === sheet && outside) closeSheet();
  });
  toc.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#"]');
    if (!link || !sheet.open) return;
    event.preventDefault();
    closeSheet();
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    if (location.hash !== link.hash) location.hash = link.hash;
    target.scrollIntoView({ block: 'start' });
    // Tell toc-spy.ts which section was chosen, and carry on reading from there by keyboard.
    dispatchEvent(new CustomEvent('kb:section', { detail: target.id }));
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  });
  addEventListener('resize', () => {
    if (sheet.open && sideTocShown()) closeSheet();
  });
}

document.querySelector('.back-to-top')?.addEventListener('click', (event) => {
  event.preventDefault();
  scrollTo({ top: 0 });
  if (location.hash) history.pushState(null, '', location.pathname + location.search);
  document.getElementById('main')?.focus({ preventScroll: true });
});

function update(): void {
  if (article && progress) {
    const box = article.getBoundingClientRect();
    const span = box.height - innerHeight;
    const done = span > 0 ? Math.min(1, Math.max(0, -box.top / span)) : 1;
    progress.style.setProperty('--progress', done.toFixed(4));
  }
  if (tools) {
    // The header says whether the reader is heading back up (src/client/site-header.ts).
    tools.dataset.shown = String(root.dataset.header !== 'hidden');
    tools.dataset.scrolled = String(scrollY > innerHeight / 2);
  }
}

if (progress) progress.hidden = false;
let queued = false;
const schedule = () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    update();
  });
};
addEventListener('scroll', schedule, { passive: true });
addEventListener('resize', schedule);
new MutationObserver(schedule).observe(root, { attributes: true, attributeFilter: ['data-header'] });
update();

export {};
