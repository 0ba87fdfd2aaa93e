/**
 * The header search on every page. Without JavaScript the header box is a plain GET form
 * to /search/. With it, the box opens a modal dialog over the page: the page does not
 * scroll (the box is at the top; focusing it used to jump there), the dialog fits a phone's
 * width, and Esc closes it and puts focus and scroll back where they were. In the dialog
 * the box is an ARIA combobox: results as you type, ↑/↓ to choose (a result or one of its
 * sections), Enter to open (or, with nothing chosen, the full search page). `/` or
 * Ctrl/Cmd-K opens it from anywhere. Opening a result records the query in the page's
 * history entry, so Back reopens the dialog with the same results. Pagefind loads on first use.
 */
import { loadSearch, search, type SearchHit } from './search-engine.ts';
import { format, readStrings, renderHit, segmentNodes, statusText } from './search-render.ts';

const trigger = document.querySelector<HTMLFormElement>('.header-search');
const triggerInput = document.querySelector<HTMLInputElement>('#header-search-input');
const dialog = document.querySelector<HTMLDialogElement>('#search-dialog');
const form = dialog?.querySelector<HTMLFormElement>('.search-dialog-form');
const input = dialog?.querySelector<HTMLInputElement>('#search-dialog-input');
const closeButton = dialog?.querySelector<HTMLButtonElement>('.search-dialog-close');
const listbox = dialog?.querySelector<HTMLUListElement>('[role="listbox"]');
const status = dialog?.querySelector<HTMLElement>('.search-status');
const DEBOUNCE_MS = 120;
const MAX_OPTIONS = 6;
/** The key of the history entry's state that holds the dialog's query. */
const STATE_KEY = 'kbHeaderSearch';

if (trigger && triggerInput && dialog && form && input && closeButton && listbox && status) {
  const strings = readStrings(trigger);
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  /** Where the reader was when the dialog opened: focus and scroll come back there. */
  let opener: HTMLElement | null = null;
  let scroll: { x: number; y: number } | undefined;

  triggerInput.setAttribute('aria-haspopup', 'dialog');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');

  const options = () => [...listbox.querySelectorAll<HTMLLIElement>('[role="option"]')];
  const choose = (index: number) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, at) => option.setAttribute('aria-selected', String(at === active)));
    const chosen = all[active]!;
    input.setAttribute('aria-activedescendant', chosen.id);
    chosen.scrollIntoView({ block: 'nearest' });
  };
  const remember = (query: string) => {
    const state = (history.state as Record<string, unknown> | null) ?? {};
    history.replaceState({ ...state, [STATE_KEY]: query }, '');
  };
  const openOption = (option: Element | null | undefined) => {
    const href = option instanceof HTMLElement ? option.dataset.href : undefined;
    if (!href) return false;
    remember(input.value);
    window.location.assign(href);
    return true;
  };

  const open = (from: HTMLElement | null, query?: string) => {
    if (dialog.open) return;
    opener = from;
    // Reopened on Back, the browser restores the scroll itself (and may not have yet).
    scroll = from || query === undefined ? { x: window.scrollX, y: window.scrollY } : undefined;
    if (query !== undefined) input.value = query;
    dialog.showModal();
    input.focus({ preventScroll: true });
    input.select();
    void loadSearch().catch(() => undefined);
    if (input.value.trim()) void run(input.value);
  };
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
    // The reader goes back to where they were: same scroll, same focus.
    if (scroll) window.scrollTo(scroll.x, scroll.y);
    const back = opener && opener.isConnected ? opener : null;
    back?.focus({ preventScroll: true });
    const state = (history.state as Record<string, unknown> | null) ?? {};
    if (STATE_KEY in state) {
      const { [STATE_KEY]: _dropped, ...rest } = state;
      history.replaceState(rest, '');
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  closeButton.addEventListener('click', () => dialog.close());

  const option = (id: string, className: string, href: string) => {
    const item = document.createElement('li');
    item.id = id;
    item.className = className;
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', 'false');
    item.dataset.href = href;
    return item;
  };
  const seeAllOption = (query: string) => {
    const item = option(
      'header-search-all',
      'search-option search-option-all',
      `${form.action}?q=${encodeURIComponent(query)}`,
    );
    item.textContent = strings.seeAll ?? '';
    return item;
  };
  /** A result and, as options of their own, its matching sections (an option holds no links). */
  const hitOptions = (hit: SearchHit, index: number) => {
    const main = option(`header-search-option-${index}`, 'search-option', hit.url);
    main.append(renderHit(hit, { titleLink: false, strings }));
    const sections = hit.sections.map((section, at) => {
      const item = option(`header-search-option-${index}-${at}`, 'search-option search-option-section', section.url);
      item.append(...segmentNodes(section.title));
      item.setAttribute('aria-label', `${hit.title} › ${item.textContent ?? ''}`);
      return item;
    });
    return [main, ...sections];
  };

  const run = async (query: string) => {
    const mine = ++sequence;
    if (!query.trim()) {
      listbox.replaceChildren();
      status.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      return;
    }
    status.textContent = strings.loading ?? '';
    try {
      const response = await search({ query, limit: MAX_OPTIONS });
      if (mine !== sequence) return;
      listbox.replaceChildren(...response.hits.flatMap(hitOptions), seeAllOption(query));
      active = -1;
      input.removeAttribute('aria-activedescendant');
      input.setAttribute('aria-expanded', 'true');
      // Which query the list shows, for scripts (the search benchmark) that wait for it.
      listbox.dataset.query = query;
      const count = statusText(response, query, strings);
      status.textContent = response.corrected ? `${format(strings.corrected, { q: response.query })} ${count}` : count;
    } catch {
      if (mine === sequence) status.textContent = strings.error ?? '';
    }
  };

  // The header box only opens the dialog; what was typed there goes along. Not on focus:
  // a reader tabbing through the header would be caught in the (modal) dialog every time.
  triggerInput.addEventListener('click', () => open(triggerInput, triggerInput.value));
  triggerInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      open(triggerInput, triggerInput.value);
    }
  });
  // Text that still reaches the header box (typed before focus moved, or filled by a script) goes along too.
  triggerInput.addEventListener('input', () => {
    open(triggerInput);
    input.value = triggerInput.value;
    input.dispatchEvent(new Event('input'));
  });
  trigger.addEventListener('submit', (event) => {
    if (!triggerInput.value.trim()) event.preventDefault();
  });

  input.addEventListener('input', () => {
    triggerInput.value = input.value;
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options().length === 0) return;
      event.preventDefault();
      choose(active + (event.key === 'ArrowDown' ? 1 : -1) + (active === -1 && event.key === 'ArrowUp' ? 1 : 0));
    } else if (event.key === 'Enter' && active >= 0) {
      if (openOption(options()[active])) event.preventDefault();
    } else if (event.key === 'Escape') {
      // A search box would only clear itself on Esc; here Esc closes the dialog.
      event.preventDefault();
      dialog.close();
    }
  });
  listbox.addEventListener('click', (event) => {
    openOption((event.target as Element).closest('[role="option"]'));
  });
  form.addEventListener('submit', (event) => {
    if (!input.value.trim()) event.preventDefault();
    else remember(input.value);
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey))) {
      event.preventDefault();
      // On the search page, the shortcut goes to the page's own box.
      const pageBox = document.querySelector<HTMLInputElement>('#search-page-input');
      if (pageBox) {
        pageBox.focus();
        pageBox.select();
      } else open(document.activeElement instanceof HTMLElement ? document.activeElement : null);
    }
  });

  // Back from a result: the dialog opens again with the query and its results.
  const restore = () => {
    const query = (history.state as Record<string, unknown> | null)?.[STATE_KEY];
    if (typeof query === 'string' && query && !dialog.open) open(null, query);
  };
  restore();
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) restore();
  });
}

// Arriving from a search result: mark the matched words in the article.
if (new URLSearchParams(window.location.search).has('highlight') && document.querySelector('.prose')) {
  void import('./search-highlight.ts');
}
