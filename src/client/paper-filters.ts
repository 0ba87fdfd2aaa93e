/**
 * The paper index's filters (src/pages/papers/index.astro): year, venue and tag narrow the
 * list, and the papers are grouped by year or by venue. The cards are the page's own,
 * moved between groups and hidden, never rebuilt, so links to a paper (#paper-…) keep
 * working. The URL holds the choice (?year=2021&venue=ICLR&tag=rope&group=venue), so it
 * can be shared and survives Back. Without JavaScript every paper shows, grouped by year.
 */
import { element } from './dom.ts';

const index = document.querySelector<HTMLElement>('.papers-index');
const form = index?.querySelector<HTMLFormElement>('.paper-filters');
const groupsBox = index?.querySelector<HTMLElement>('.paper-groups');

interface Strings {
  shown: string;
  unspecified: string;
  count: string;
  countOne: string;
}
const FIELDS = ['year', 'venue', 'tag', 'group'] as const;
type Field = (typeof FIELDS)[number];

if (index && form && groupsBox) {
  const strings = JSON.parse(index.dataset.paperStrings ?? '{}') as Strings;
  const fill = (template: string, values: Record<string, number>) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  const cards = [...groupsBox.querySelectorAll<HTMLElement>('.paper-card')];
  const status = index.querySelector<HTMLElement>('.paper-count')!;
  const none = index.querySelector<HTMLElement>('.paper-none')!;
  const field = (name: Field) => form.elements.namedItem(name) as HTMLSelectElement;

  const matches = (card: HTMLElement) => {
    const year = field('year').value;
    const venue = field('venue').value;
    const tag = field('tag').value;
    return (
      (!year || card.dataset.year === year) &&
      (!venue || card.dataset.venue === venue) &&
      (!tag || (card.dataset.tags ?? '').split(' ').includes(tag))
    );
  };

  const render = () => {
    const byVenue = field('group').value === 'venue';
    const groups = new Map<string, HTMLElement[]>();
    for (const card of cards) {
      const key = (byVenue ? card.dataset.venue : card.dataset.year) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), card]);
    }
    let keys = [...groups.keys()];
    // Years keep the page's order (newest first); venues go by size, then name.
    if (byVenue)
      keys = keys.sort((a, b) =>
        (a === '') !== (b === '')
          ? a === ''
            ? 1
            : -1
          : groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b),
      );
    let shown = 0;
    const sections = keys.map((key, position) => {
      const members = groups.get(key)!;
      const visible = members.filter(matches);
      for (const card of members) card.hidden = !visible.includes(card);
      shown += visible.length;
      const section = element('section', 'paper-group');
      const heading = element('h2', '', key || strings.unspecified);
      heading.id = `papers-group-${position}`;
      section.setAttribute('aria-labelledby', heading.id);
      const count = fill(visible.length === 1 ? strings.countOne : strings.count, { n: visible.length });
      heading.append(' ', element('span', 'term-count', count));
      const list = element('ol', 'paper-cards paper-index');
      list.append(...members);
      section.append(heading, list);
      section.hidden = visible.length === 0;
      return section;
    });
    groupsBox.replaceChildren(...sections);
    status.textContent = fill(strings.shown, { shown, total: cards.length });
    none.hidden = shown > 0;
  };

  const fromUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const name of FIELDS) {
      const select = field(name);
      const wanted = params.get(name) ?? '';
      select.value = [...select.options].some((option) => option.value === wanted) ? wanted : select.options[0]!.value;
    }
  };
  const toUrl = () => {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = field(name).value;
      if (value && !(name === 'group' && value === 'year')) params.set(name, value);
    }
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => {
    toUrl();
    render();
  });
  form.addEventListener('reset', () =>
    setTimeout(() => {
      toUrl();
      render();
    }),
  );
  addEventListener('popstate', () => {
    fromUrl();
    render();
  });
  fromUrl();
  render();
}
