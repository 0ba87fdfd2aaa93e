/**
 * The /search/ page. The URL is the state (`q`, `category`, `tag`, `lang`, `sort`, `exact`): the
 * first keystroke of a new query pushes a history entry and later ones replace it, so
 * Back returns to the previous search rather than to every prefix typed; filter and sort
 * changes push their own entry. ↓ from the box moves into the results, ↑/↓ between them
 * (titles and section links). Each history entry also keeps how far the reader had
 * scrolled and how many results were shown, so Back to the page (from a result, or from a
 * later search) lands where the reader left it once its results are back.
 */
import { loadSearch, search } from './search-engine.ts';
import { format, readStrings, renderHit, statusText } from './search-render.ts';

const root = document.querySelector<HTMLElement>('.search-page');
const form = root?.querySelector<HTMLFormElement>('.search-page-form');
const input = root?.querySelector<HTMLInputElement>('#search-page-input');
const controls = root?.querySelector<HTMLElement>('.search-controls');
const categorySelect = root?.querySelector<HTMLSelectElement>('#search-category');
const tagSelect = root?.querySelector<HTMLSelectElement>('#search-tag');
const langSelect = root?.querySelector<HTMLSelectElement>('#search-lang');
const sortSelect = root?.querySelector<HTMLSelectElement>('#search-sort');
const status = root?.querySelector<HTMLElement>('.search-page-status');
const correction = root?.querySelector<HTMLElement>('.search-correction');
const list = root?.querySelector<HTMLOListElement>('#search-results');
const more = root?.querySelector<HTMLButtonElement>('.search-more');
const DEBOUNCE_MS = 150;
const PAGE_SIZE = 10;

interface PageState {
  q: string;
  category: string;
  tag: string;
  lang: string;
  sort: string;
  exact: boolean;
}

if (
  root &&
  form &&
  input &&
  controls &&
  categorySelect &&
  tagSelect &&
  langSelect &&
  sortSelect &&
  status &&
  correction &&
  list &&
  more
) {
  const strings = readStrings(root);
  let limit = PAGE_SIZE;
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let typingEntry = false;

  const readUrl = (): PageState => {
    const params = new URLSearchParams(window.location.search);
    return {
      q: params.get('q') ?? '',
      category: params.get('category') ?? '',
      tag: params.get('tag') ?? '',
      lang: params.get('lang') ?? '',
      sort: params.get('sort') === 'date' ? 'date' : '',
      exact: params.get('exact') === '1',
    };
  };
  const readForm = (exact = false): PageState => ({
    q: input.value,
    category: categorySelect.value,
    tag: tagSelect.value,
    lang: langSelect.value,
    sort: sortSelect.value,
    exact,
  });
  const urlFor = (state: PageState): string => {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.category) params.set('category', state.category);
    if (state.tag) params.set('tag', state.tag);
    if (state.lang) params.set('lang', state.lang);
    if (state.sort) params.set('sort', state.sort);
    if (state.exact) params.set('exact', '1');
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ''}`;
  };
  const ensureOption = (select: HTMLSelectElement, value: string) => {
    if (value && ![...select.options].some((option) => option.value === value)) select.add(new Option(value, value));
  };
  const showState = (state: PageState) => {
    input.value = state.q;
    ensureOption(categorySelect, state.category);
    ensureOption(tagSelect, state.tag);
    ensureOption(langSelect, state.lang);
    categorySelect.value = state.category;
    tagSelect.value = state.tag;
    langSelect.value = state.lang;
    sortSelect.value = state.sort;
    // The language menu is left out of a library in one language, unless an address asks for one.
    if (state.lang) langSelect.parentElement!.hidden = false;
  };
  const titleFor = (state: PageState) => {
    const base = document.title.replace(/^.*? · /, '');
    document.title = state.q ? `${state.q} · ${base}` : base;
  };

  const run = async (state: PageState) => {
    const mine = ++sequence;
    titleFor(state);
    if (!state.q.trim() && !state.category && !state.tag && !state.lang) {
      list.replaceChildren();
      correction.hidden = true;
      more.hidden = true;
      status.textContent = strings.prompt ?? '';
      return;
    }
    status.textContent = strings.loading ?? '';
    list.setAttribute('aria-busy', 'true');
    try {
      const response = await search({
        query: state.q,
        category: state.category,
        tag: state.tag,
        lang: state.lang,
        sort: state.sort === 'date' ? 'date' : 'relevance',
        limit,
        exact: state.exact,
      });
      if (mine !== sequence) return;
      list.replaceChildren(
        ...response.hits.map((hit) => {
          const item = document.createElement('li');
          item.className = 'search-result';
          item.append(renderHit(hit, { strings }));
          return item;
        }),
      );
      status.textContent = statusText(response, state.q, strings);
      correction.hidden = !response.corrected;
      if (response.corrected) {
        correction.querySelector('span')!.textContent = format(strings.corrected, { q: response.query });
        const link = correction.querySelector('a')!;
        link.href = urlFor({ ...state, exact: true });
        link.textContent = format(strings.original, { q: state.q });
      }
      more.hidden = response.total <= response.hits.length;
    } catch {
      if (mine === sequence) status.textContent = strings.error ?? '';
    }
    if (mine === sequence) {
      // Which search the list shows, for scripts and tests that need to know it is current.
      list.dataset.query = state.q;
      list.setAttribute('aria-busy', 'false');
    }
  };

  const commit = (state: PageState, mode: 'push' | 'replace') => {
    const next = urlFor(state);
    if (next !== `${window.location.pathname}${window.location.search}`) {
      if (mode === 'push') {
        keep();
        history.pushState({}, '', next);
      } else history.replaceState({}, '', next);
    }
    limit = PAGE_SIZE;
    void run(state);
  };

  // The browser would restore the scroll before the results are back; this page does it after.
  history.scrollRestoration = 'manual';
  interface Kept {
    kbScroll?: number;
    kbLimit?: number;
  }
  const kept = () => (history.state as Kept | null) ?? {};
  const keep = () => history.replaceState({ ...kept(), kbScroll: window.scrollY, kbLimit: limit }, '');
  let keepTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('scroll', () => {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(keep, 150);
  });
  window.addEventListener('pagehide', keep);
  const runAndRestore = async (state: PageState) => {
    const { kbScroll, kbLimit } = kept();
    if (kbLimit) limit = kbLimit;
    await run(state);
    window.scrollTo(0, kbScroll ?? 0);
  };

  controls.removeAttribute('data-pending');
  const initial = readUrl();
  showState(initial);
  void runAndRestore(initial);
  void loadSearch().catch(() => undefined);

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      commit(readForm(), typingEntry ? 'replace' : 'push');
      typingEntry = true;
    }, DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    commit(readForm(), typingEntry ? 'replace' : 'push');
    typingEntry = false;
  });
  for (const select of [categorySelect, tagSelect, langSelect, sortSelect]) {
    select.addEventListener('change', () => {
      clearTimeout(timer);
      commit(readForm(), 'push');
      typingEntry = false;
    });
  }
  window.addEventListener('popstate', () => {
    const state = readUrl();
    showState(state);
    typingEntry = false;
    limit = PAGE_SIZE;
    void runAndRestore(state);
  });
  more.addEventListener('click', () => {
    const firstNew = list.children.length;
    limit += PAGE_SIZE;
    void run(readForm(readUrl().exact)).then(() => list.children[firstNew]?.querySelector('a')?.focus());
  });

  // Keyboard: ↓ from the box to the first result; ↑/↓ between results and their sections; ↑ from the first back to the box.
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('.search-hit-title, .search-hit-section')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      links()[0]!.focus();
    }
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.focus();
    else all[Math.min(next, all.length - 1)]!.focus();
  });
}
