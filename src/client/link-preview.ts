/**
 * Previews for links inside an article: another article's title, date, tags and summary,
 * or, for a reference into the page (an equation, theorem, figure, table, citation or
 * footnote) or into another article's numbered block, that thing itself (see
 * src/client/preview-targets.ts). An equation's card shows the formula under a header with
 * its number; it is min(90vw, 720px) wide and the formula scrolls sideways when it is wider
 * still. Shown on mouse hover and on keyboard focus, hidden on leave, blur or Esc. The card
 * floats above the page (no layout shift) and is kept inside the viewport at every edge; on
 * touch screens there is no preview and the link simply works.
 */
import { element } from './dom.ts';
import { copyWithoutIds, isInPageTarget, inPagePreview } from './preview-targets.ts';

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const ARTICLE_PATH = new RegExp(`^${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}articles/([a-z0-9-]+)/$`);
const SHOW_DELAY = 250;
const HIDE_DELAY = 150;
/** Room kept between the card and the viewport's edges, and between the card and its link. */
const MARGIN = 8;
const CARD_WIDTH = 360;
const EQUATION_WIDTH = 720;
const formulaLabel =
  (
    JSON.parse(document.querySelector<HTMLElement>('[data-math-strings]')?.dataset.mathStrings ?? '{}') as {
      formula?: string;
    }
  ).formula ?? '';

interface Preview {
  title: string;
  description: string;
  date: string;
  tags: string[];
}

const cache = new Map<string, Promise<Preview | undefined>>();
let card: HTMLDivElement | undefined;
let owner: HTMLAnchorElement | undefined;
let showTimer: number | undefined;
let hideTimer: number | undefined;

function fetchPreview(slug: string): Promise<Preview | undefined> {
  let pending = cache.get(slug);
  if (!pending) {
    pending = fetch(`${BASE}previews/${slug}.json`)
      .then((response) => (response.ok ? (response.json() as Promise<Preview>) : undefined))
      .catch(() => undefined);
    cache.set(slug, pending);
  }
  return pending;
}

function ensureCard(): HTMLDivElement {
  if (card) return card;
  card = element('div', 'link-preview');
  card.id = 'link-preview';
  card.setAttribute('role', 'tooltip');
  card.hidden = true;
  card.addEventListener('mouseenter', () => window.clearTimeout(hideTimer));
  card.addEventListener('mouseleave', () => scheduleHide());
  document.body.append(card);
  return card;
}

function place(link: HTMLAnchorElement, target: HTMLDivElement): void {
  const rect = link.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;
  const wanted = link.classList.contains('eqref') ? Math.min(viewport * 0.9, EQUATION_WIDTH) : CARD_WIDTH;
  const width = Math.min(wanted, viewport - 2 * MARGIN);
  target.style.width = `${width}px`;
  target.style.maxHeight = '';
  const left = Math.min(Math.max(MARGIN, rect.left), viewport - width - MARGIN);
  target.style.left = `${left + window.scrollX}px`;
  // Below the link when it fits, else above; else on the roomier side, scrolling inside.
  const below = window.innerHeight - rect.bottom - 2 * MARGIN;
  const above = rect.top - 2 * MARGIN;
  const height = target.offsetHeight;
  const downwards = height <= below || (height > above && below >= above);
  const room = Math.max(downwards ? below : above, 0);
  if (height > room) target.style.maxHeight = `${room}px`;
  const top = downwards ? rect.bottom + MARGIN : rect.top - MARGIN - Math.min(height, room);
  const clamped = Math.min(Math.max(MARGIN, top), window.innerHeight - MARGIN - Math.min(height, room));
  target.style.top = `${clamped + window.scrollY}px`;
}

function hide(): void {
  window.clearTimeout(showTimer);
  if (card) card.hidden = true;
  owner?.removeAttribute('aria-describedby');
  owner = undefined;
}

function scheduleHide(): void {
  window.clearTimeout(showTimer);
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, HIDE_DELAY);
}

async function contentFor(link: HTMLAnchorElement): Promise<Node[] | undefined> {
  const toEquation = link.classList.contains('eqref') || link.dataset.crossref === 'eq';
  if (toEquation && link.pathname === location.pathname && link.hash) {
    // A row's anchor sits inside its formula: the card shows the whole display.
    const anchor = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const target = anchor?.closest('.math-display') ?? anchor;
    // The formula without its number (src/markdown/rehype-katex-strict.ts puts the number
    // in a cell of its own), which goes in the card's header instead.
    const math = target?.querySelector('.math-formula .katex-display') ?? target?.querySelector('.katex-display');
    if (!math) return undefined;
    const number = target?.querySelector('.math-number')?.textContent?.trim() ?? link.textContent?.trim() ?? '';
    const formula = element('div', 'link-preview-formula');
    formula.append(copyWithoutIds(math));
    return [element('p', 'link-preview-heading', `${formulaLabel} ${number}`.trim()), formula];
  }
  if (isInPageTarget(link)) return inPagePreview(link);
  const slug = ARTICLE_PATH.exec(link.pathname)?.[1];
  if (!slug || link.pathname === location.pathname) return undefined;
  const preview = await fetchPreview(slug);
  if (!preview) return undefined;
  const tags = element('p', 'link-preview-tags', preview.tags.map((tag) => `#${tag}`).join(' '));
  return [
    element('p', 'link-preview-title', preview.title),
    element('p', 'link-preview-date', preview.date),
    element('p', 'link-preview-description', preview.description),
    tags,
  ];
}

function scheduleShow(link: HTMLAnchorElement): void {
  window.clearTimeout(hideTimer);
  window.clearTimeout(showTimer);
  showTimer = window.setTimeout(async () => {
    const nodes = await contentFor(link);
    if (!nodes) return;
    const target = ensureCard();
    target.replaceChildren(...nodes);
    target.classList.toggle('link-preview-equation', isInPageTarget(link));
    target.hidden = false;
    place(link, target);
    owner?.removeAttribute('aria-describedby');
    owner = link;
    link.setAttribute('aria-describedby', target.id);
  }, SHOW_DELAY);
}

const isPreviewable = (link: HTMLAnchorElement) =>
  isInPageTarget(link) || (link.origin === location.origin && ARTICLE_PATH.test(link.pathname));

for (const link of document.querySelectorAll<HTMLAnchorElement>('.prose a[href], .backlinks a[href]')) {
  if (!isPreviewable(link)) continue;
  link.addEventListener('pointerenter', (event) => event.pointerType === 'mouse' && scheduleShow(link));
  link.addEventListener('pointerleave', (event) => event.pointerType === 'mouse' && scheduleHide());
  link.addEventListener('focus', () => scheduleShow(link));
  link.addEventListener('blur', () => scheduleHide());
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && card && !card.hidden) hide();
});

export {};
