/**
 * Work that depends on the article column's width (which formulas and tables overflow),
 * redone when it changes size: at most once per frame, since a window being dragged
 * reports many sizes between two paints.
 */
export function onResize(target: Element, run: () => void): void {
  let queued = false;
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      run();
    });
  }).observe(target);
}
