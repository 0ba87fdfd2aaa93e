/**
 * The header search box on every page. Without JavaScript it is a plain GET form to
 * /search/. With it, it becomes an ARIA combobox: results as you type in a listbox,
 * ↑/↓ to choose, Enter to open (or, with nothing chosen, the full search page), Esc to
 * close. `/` or Ctrl/Cmd-K focuses it from anywhere. Pagefind loads on first focus.
 */
import { loadSearch, search } from './search-engine.ts';
import { format, readStrings, renderHit, statusText } from './search-render.ts';

const form = document.querySelector<HTMLFormElement>('.header-search');
const input = document.querySelector<HTMLInputElement>('#header-search-input');
const popup = form?.querySelector<HTMLElement>('.header-search-popup');
const listbox = form?.querySelector<HTMLUListElement>('[role="listbox"]');
const status = form?.querySelector<HTMLElement>('.search-status');
const DEBOUNCE_MS = 120;
const MAX_OPTIONS = 6;

if (form && input && popup && listbox && status) {
  const strings = readStrings(form);
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');

  const options = () => [...listbox.querySelectorAll<HTMLLIElement>('[role="option"]')];
  const open = () => {
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const close = () => {
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (index: number) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, at) => option.setAttribute('aria-selected', String(at === active)));
    const chosen = all[active]!;
    input.setAttribute('aria-activedescendant', chosen.id);
    chosen.scrollIntoView({ block: 'nearest' });
  };
  const openOption = (option: Element | null | undefined) => {
    const href = option instanceof HTMLElement ? option.dataset.href : undefined;
    if (href) window.location.assign(href);
    return Boolean(href);
  };

  const seeAllOption = (query: string) => {
    const option = document.createElement('li');
    option.id = 'header-search-all';
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.className = 'search-option search-option-all';
    option.dataset.href = `${form.action}?q=${encodeURIComponent(query)}`;
    option.textContent = strings.seeAll ?? '';
    return option;
  };

  const run = async (query: string) => {
    const mine = ++sequence;
    if (!query.trim()) {
      listbox.replaceChildren();
      status.textContent = '';
      close();
      return;
    }
    status.textContent = strings.loading ?? '';
    open();
    try {
      const response = await search({ query, limit: MAX_OPTIONS });
      if (mine !== sequence) return;
      listbox.replaceChildren(
        ...response.hits.map((hit, index) => {
          const option = document.createElement('li');
          option.id = `header-search-option-${index}`;
          option.className = 'search-option';
          option.setAttribute('role', 'option');
          option.setAttribute('aria-selected', 'false');
          option.dataset.href = hit.url;
          option.append(renderHit(hit, { titleLink: false, strings }));
          return option;
        }),
        seeAllOption(query),
      );
      active = -1;
      input.removeAttribute('aria-activedescendant');
      const count = statusText(response, query, strings);
      // Which query the list shows, for scripts (the search benchmark) that wait for it.
      listbox.dataset.query = query;
      status.textContent = response.corrected ? `${format(strings.corrected, { q: response.query })} ${count}` : count;
    } catch {
      if (mine === sequence) status.textContent = strings.error ?? '';
    }
  };

  input.addEventListener('focus', () => {
    void loadSearch().catch(() => undefined);
    if (input.value.trim() && listbox.childElementCount > 0) open();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (popup.hidden) {
        if (listbox.childElementCount > 0) open();
        else return;
      }
      event.preventDefault();
      choose(active + (event.key === 'ArrowDown' ? 1 : -1) + (active === -1 && event.key === 'ArrowUp' ? 1 : 0));
    } else if (event.key === 'Enter' && active >= 0 && !popup.hidden) {
      if (openOption(options()[active])) event.preventDefault();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (!popup.hidden) close();
      else input.blur();
    }
  });
  listbox.addEventListener('click', (event) => {
    openOption((event.target as Element).closest('[role="option"]'));
  });
  form.addEventListener('submit', (event) => {
    if (!input.value.trim()) event.preventDefault();
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) close();
  });
  document.addEventListener('pointerdown', (event) => {
    if (!form.contains(event.target as Node)) close();
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey))) {
      event.preventDefault();
      // On the search page, the shortcut goes to the page's own box.
      const box = document.querySelector<HTMLInputElement>('#search-page-input') ?? input;
      box.focus();
      box.select();
    }
  });
}

// Arriving from a search result: mark the matched words in the article.
if (new URLSearchParams(window.location.search).has('highlight') && document.querySelector('.prose')) {
  void import('./search-highlight.ts');
}
