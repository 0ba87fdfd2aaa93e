/**
 * What a preview shows for a link to something already in the page (or embedded in it):
 * an equation (`.eqref`, an `@eq-…`), a theorem, figure or table (`.crossref`), a
 * bibliography entry (`.citation`), a footnote, or another article's numbered block,
 * carried in the page as an inert <template> (src/components/CrossRefPreviews.astro).
 * Everything is cloned from the page's own nodes: no HTML is parsed here.
 */
const byId = (id: string) => document.getElementById(decodeURIComponent(id));

/** The embedded copy of another article's block, for a link to it. */
function embedded(link: HTMLAnchorElement): HTMLTemplateElement | undefined {
  if (!link.hash || link.pathname === location.pathname) return undefined;
  for (const template of document.querySelectorAll<HTMLTemplateElement>('template[data-preview-for]'))
    if (template.dataset.previewFor === `${link.pathname}${link.hash}`) return template;
  return undefined;
}

const isFootnote = (link: HTMLAnchorElement) => link.hasAttribute('data-footnote-ref');

export function isInPageTarget(link: HTMLAnchorElement): boolean {
  if (embedded(link)) return true;
  if (link.pathname !== location.pathname || !link.hash) return false;
  return (
    link.classList.contains('eqref') ||
    link.classList.contains('crossref') ||
    link.classList.contains('citation') ||
    isFootnote(link)
  );
}

/** A copy without ids (they must stay unique) and without back links. */
export function copyWithoutIds(node: Element): Node {
  const clone = node.cloneNode(true) as Element;
  clone.removeAttribute('id');
  for (const inner of clone.querySelectorAll('[id]')) inner.removeAttribute('id');
  for (const back of clone.querySelectorAll('[data-footnote-backref], .reference-backrefs')) back.remove();
  return clone;
}

export function inPagePreview(link: HTMLAnchorElement): Node[] | undefined {
  const template = embedded(link);
  if (template) return [template.content.cloneNode(true)];
  const target = byId(link.hash.slice(1));
  if (!target) return undefined;
  if (isFootnote(link)) {
    // On wide screens the note is already beside the line, as a sidenote.
    const sidenote = link.parentElement?.nextElementSibling;
    if (sidenote?.classList.contains('sidenote') && getComputedStyle(sidenote).display !== 'none') return undefined;
    return [...target.children].map(copyWithoutIds);
  }
  // An equation row's anchor is inside the formula: show the whole display.
  const math = (target.closest('.math-display') ?? target).querySelector('.katex-display, .katex');
  if (link.classList.contains('eqref') || link.dataset.crossref === 'eq')
    return math ? [copyWithoutIds(math)] : undefined;
  return [copyWithoutIds(target)];
}
