/** Marks the TOC entry of the section being read (aria-current), as the reader scrolls. */
const links = new Map<string, HTMLAnchorElement>();
for (const link of document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')) {
  links.set(decodeURIComponent(link.hash.slice(1)), link);
}
const headings = [...links.keys()]
  .map((id) => document.getElementById(id))
  .filter((element): element is HTMLElement => element !== null);

let current: HTMLAnchorElement | undefined;
function update() {
  // The current section is the last heading above a line a fifth of the way down.
  const line = window.innerHeight / 5;
  let active: HTMLElement | undefined;
  for (const heading of headings) {
    if (heading.getBoundingClientRect().top <= line) active = heading;
    else break;
  }
  const link = active ? links.get(active.id) : undefined;
  if (link === current) return;
  current?.removeAttribute('aria-current');
  link?.setAttribute('aria-current', 'true');
  current = link;
}
if (headings.length > 0) {
  let queued = false;
  addEventListener(
    'scroll',
    () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        update();
      });
    },
    { passive: true },
  );
  update();
}

export {};
