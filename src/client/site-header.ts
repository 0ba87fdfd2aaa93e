/**
 * The sticky header gets out of the way while the reader reads: it slides away on scrolling
 * down and comes back on scrolling up (and whenever something in it has focus, or the page
 * is near its top). The state is `data-header="shown|hidden"` on <html>, which the TOC
 * column and the reading tools follow; `--site-header-height` lets anchors land below it.
 * Without JavaScript the header is an ordinary one at the top of the page.
 */
const root = document.documentElement;
const header = document.querySelector<HTMLElement>('.site-header');

/** Scrolling less than this (px) in one frame changes nothing: a jittery touch is not a decision. */
const THRESHOLD = 6;

if (header) {
  let lastY = scrollY;
  let queued = false;
  const setHeight = () => root.style.setProperty('--site-header-height', `${header.offsetHeight}px`);
  const show = (shown: boolean) => {
    const state = shown ? 'shown' : 'hidden';
    if (root.dataset.header !== state) root.dataset.header = state;
  };
  const update = () => {
    queued = false;
    const y = scrollY;
    const delta = y - lastY;
    if (y <= header.offsetHeight || header.contains(document.activeElement)) show(true);
    else if (delta > THRESHOLD) show(false);
    else if (delta < -THRESHOLD) show(true);
    if (Math.abs(delta) > THRESHOLD || y <= header.offsetHeight) lastY = y;
  };
  new ResizeObserver(setHeight).observe(header);
  setHeight();
  show(true);
  addEventListener(
    'scroll',
    () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(update);
    },
    { passive: true },
  );
  header.addEventListener('focusin', () => show(true));
}

export {};
