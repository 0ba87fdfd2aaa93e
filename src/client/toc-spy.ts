/**
 * Marks the TOC entry of the section being read (aria-current), as the reader scrolls.
 *
 * The section being read is the last heading above a line a fifth of the way down the
 * screen, or, at the very end of the page, the last heading on screen (a short final
 * section never reaches the line). A section the reader chose (a click in the TOC, a
 * #fragment, a choice in the TOC sheet) stays marked until the reader scrolls away from
 * it: otherwise a heading followed closely by a subheading would mark the subheading.
 */
const links = new Map<string, HTMLAnchorElement>();
for (const link of document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')) {
  links.set(decodeURIComponent(link.hash.slice(1)), link);
}
const headings = [...links.keys()]
  .map((id) => document.getElementById(id))
  .filter((element): element is HTMLElement => element !== null);

/** How far (px) the reader may scroll from a chosen section before the marking follows again. */
const LEAVE = 24;

let current: HTMLAnchorElement | undefined;
let chosen: { link: HTMLAnchorElement; y: number } | undefined;

function mark(link: HTMLAnchorElement | undefined): void {
  if (link === current) return;
  current?.removeAttribute('aria-current');
  link?.setAttribute('aria-current', 'true');
  current = link;
}

function sectionInView(): HTMLElement | undefined {
  const line = window.innerHeight / 5;
  let active: HTMLElement | undefined;
  for (const heading of headings) {
    if (heading.getBoundingClientRect().top <= line) active = heading;
    else break;
  }
  const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
  if (atEnd) {
    const onScreen = headings.filter((heading) => heading.getBoundingClientRect().top < window.innerHeight);
    active = onScreen.at(-1) ?? active;
  }
  return active;
}

function update(): void {
  if (chosen && Math.abs(window.scrollY - chosen.y) < LEAVE) return mark(chosen.link);
  chosen = undefined;
  const active = sectionInView();
  mark(active ? links.get(active.id) : undefined);
}

/** The reader chose a section: mark it once the jump to it has happened. */
function choose(id: string): void {
  const link = links.get(id);
  if (!link) return;
  requestAnimationFrame(() => {
    chosen = { link, y: window.scrollY };
    mark(link);
  });
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
  for (const [id, link] of links) link.addEventListener('click', () => choose(id));
  addEventListener('hashchange', () => choose(decodeURIComponent(location.hash.slice(1))));
  addEventListener('kb:section', (event) => choose((event as CustomEvent<string>).detail));
  if (location.hash) choose(decodeURIComponent(location.hash.slice(1)));
  update();
}

export {};
