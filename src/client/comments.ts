/**
 * The Giscus comment widget (src/components/Comments.astro), loaded only when the reader
 * scrolls near the comments, as a frame from giscus.app (the one origin article pages allow
 * to be framed; no third-party script runs in the page). It follows the site theme, also
 * when the reader changes it, and keeps the GitHub sign-in Giscus hands back in the URL.
 */
const box = document.querySelector<HTMLElement>('.comments-frame[data-giscus]');
const SESSION_KEY = 'giscus-session';

interface Config {
  origin: string;
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  mapping: string;
  term: string;
  lang: string;
}

const theme = () => {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
};

/** After signing in on GitHub, Giscus sends the reader back with ?giscus=<session>. */
function session(): string {
  const url = new URL(location.href);
  const given = url.searchParams.get('giscus');
  try {
    if (given) {
      localStorage.setItem(SESSION_KEY, JSON.stringify(given));
      url.searchParams.delete('giscus');
      history.replaceState(history.state, '', url);
      return given;
    }
    return (JSON.parse(localStorage.getItem(SESSION_KEY) ?? '""') as string) || '';
  } catch {
    return given ?? '';
  }
}

function load(target: HTMLElement, config: Config): void {
  const page = new URL(location.href);
  page.searchParams.delete('giscus');
  page.hash = '';
  const params = new URLSearchParams({
    origin: page.href,
    session: session(),
    theme: theme(),
    reactionsEnabled: '1',
    emitMetadata: '0',
    inputPosition: 'bottom',
    repo: config.repo,
    repoId: config.repoId,
    category: config.category,
    categoryId: config.categoryId,
    strict: '0',
    description: document.querySelector<HTMLMetaElement>('meta[name="description"]')?.content ?? '',
    backLink: page.href,
    term: config.mapping === 'specific' ? config.term : location.pathname.replace(/^\//, '') || 'index',
  });
  const frame = document.createElement('iframe');
  frame.className = 'giscus-frame';
  frame.title = target.dataset.title ?? '';
  frame.src = `${config.origin}/${config.lang}/widget?${params}`;
  frame.setAttribute('allow', 'clipboard-write');
  frame.setAttribute('scrolling', 'no');
  frame.loading = 'lazy';
  target.replaceChildren(frame);

  addEventListener('message', (event) => {
    if (event.origin !== config.origin || event.source !== frame.contentWindow) return;
    const height = (event.data as { giscus?: { resizeHeight?: number } })?.giscus?.resizeHeight;
    if (typeof height === 'number') frame.style.height = `${height}px`;
  });
  const follow = () => frame.contentWindow?.postMessage({ giscus: { setConfig: { theme: theme() } } }, config.origin);
  new MutationObserver(follow).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', follow);
}

if (box) {
  const config = JSON.parse(box.dataset.giscus ?? '{}') as Config;
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      load(box, config);
    },
    { rootMargin: '0px 0px 600px 0px' },
  );
  observer.observe(box);
}

export {};
